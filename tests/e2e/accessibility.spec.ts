import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { FINDERS, namesIn, PAGE_CHECKS, type PageCheck, ROLE_ACCOUNTS, ROLES, type Role } from "./pages";
import { signIn } from "./support";

/**
 * Issue 19: every page of every role, at a laptop and a phone width, has no serious or critical axe
 * violation (WCAG 2.1 A and AA); the pages marked `phoneLayout` do not scroll sideways at 390 px.
 * Each width in one language, the two widths in the two languages: every page is checked in both
 * languages and at both widths (a language changes the words, not the markup axe checks; the suite
 * must stay under 20 minutes). One browser context per role and width, signed in once.
 */

const WIDTHS = [
  { name: "laptop", viewport: { width: 1366, height: 768 }, locale: "id" },
  { name: "phone", viewport: { width: 390, height: 844 }, locale: "en" },
] as const satisfies readonly { name: string; viewport: { width: number; height: number }; locale: Locale }[];
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** Demo values found once per role (a value found by one role may be outside another's scope). */
const found = new Map<string, string>();

async function newPage(browser: Browser, role: Role, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: "id-ID" });
  const page = await context.newPage();
  if (role !== "PUBLIC") {
    await signIn(page, ROLE_ACCOUNTS[role]);
    await expect(page).not.toHaveURL(/\/login$/);
  }
  return page;
}

async function setLocale(page: Page, locale: Locale) {
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, domain: hostname, path: "/" }]);
}

/** The paths of the links on the page, in document order. */
const linkPaths = (page: Page) => page.locator("a[href]").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));

/** One signed-in page per role (laptop width) that finds demo values, kept for the whole run. */
const finderPages = new Map<Role, Promise<Page>>();
function finderPage(browser: Browser, role: Role) {
  if (!finderPages.has(role)) finderPages.set(role, newPage(browser, role, WIDTHS[0].viewport));
  return finderPages.get(role)!;
}

/** A survey link the demo verifier opens on a Palembang locus of the running cycle (as survey.spec.ts does). */
async function openSurveyLink(browser: Browser) {
  const verifier = await finderPage(browser, "VERIFIER");
  await verifier.goto("/verification?q=Palembang");
  const row = verifier.getByTestId("queue-row").filter({ hasText: "Kota Palembang" }).filter({ hasNotText: "Final" }).first();
  await row.getByRole("link").first().click();
  const panel = verifier.getByTestId("survey-panel");
  const before = await panel.getByTestId("survey-link").count();
  await panel.getByRole("button", { name: "Buat tautan survei" }).click();
  await expect(panel.getByTestId("survey-link")).toHaveCount(before + 1);
  const url = await panel.getByTestId("survey-link").first().getByLabel("Tautan publik").inputValue();
  return new URL(url).pathname.split("/").pop()!;
}

async function resolve(browser: Browser, role: Role, name: string): Promise<string> {
  const finder = FINDERS[name];
  const as = finder?.as ?? role;
  const key = `${as}:${name}`;
  const known = found.get(key);
  if (known) return known;
  let value: string;
  if (name === "surveyToken") value = await openSurveyLink(browser);
  else if (name === "unknownCode") value = "BA-0000-TIDAKADA";
  else {
    if (!finder) throw new Error(`no finder for {${name}}`);
    const page = await finderPage(browser, as);
    await setLocale(page, "id");
    await page.goto(await fill(browser, as, finder.from));
    let match = (await linkPaths(page)).map((p) => finder.link.exec(p)).find(Boolean);
    if (!match && finder.through) {
      for (const next of (await linkPaths(page)).filter((p) => finder.through!.test(p))) {
        await page.goto(next);
        match = (await linkPaths(page)).map((p) => finder.link.exec(p)).find(Boolean);
        if (match) break;
      }
    }
    expect(match, `${as}: no link matching ${finder.link} on ${page.url()}`).toBeTruthy();
    value = match![1]!;
  }
  found.set(key, value);
  return value;
}

async function fill(browser: Browser, role: Role, url: string) {
  let out = url;
  for (const name of namesIn(url)) out = out.replace(`{${name}}`, await resolve(browser, role, name));
  return out;
}

// Each role and width on whichever worker is free: the sweep is the longest file of the suite.
test.describe.configure({ mode: "parallel" });

/** Tabs per role and width: pages are checked three at a time (3 tabs: 3.5 min for the spec, 2 tabs: 4.2 min, here). */
const TABS = 3;

for (const role of ROLES) {
  for (const width of WIDTHS) {
    const checks = PAGE_CHECKS.filter((c) => c.role === role);
    test(`${role.toLowerCase()} pages at ${width.viewport.width} px in ${width.locale}: no serious or critical axe violation`, async ({ browser }) => {
      test.setTimeout(600_000);
      const started = Date.now();
      const first = await newPage(browser, role, width.viewport);
      const tabs = [first, ...(await Promise.all(Array.from({ length: TABS - 1 }, () => first.context().newPage())))];
      const problems: string[] = [];
      const overflowing: string[] = [];
      const visits: { check: PageCheck; url: string }[] = [];
      for (const check of checks) visits.push({ check, url: await fill(browser, role, check.url) });

      async function checkPage(page: Page, { check, url }: { check: PageCheck; url: string }, locale: Locale) {
        const response = await page.goto(url);
        const where = `${check.route} (${url}) [${locale}, ${width.viewport.width} px]`;
        expect(response?.status(), where).toBeLessThan(400);
        if (check.route !== "/") expect(new URL(page.url()).pathname, where).toBe(url.split("?")[0]);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        // Charts draw after hydration: wait until each chart's container holds its drawing.
        await page.waitForFunction(() => [...document.querySelectorAll(".recharts-responsive-container")].every((c) => c.querySelector("svg")));
        // Legacy mode runs axe in the page itself: the default opens a blank page per analysis to
        // join the frames' partial results (about 2 s a page on this machine, a third of it here).
        // The portal has no cross-origin frames, the one case that needs the default.
        const result = await new AxeBuilder({ page })
          .withTags(WCAG_TAGS)
          .options({ resultTypes: ["violations"] })
          .setLegacyMode()
          .analyze();
        for (const violation of result.violations.filter((v) => BLOCKING.has(v.impact ?? ""))) {
          problems.push(`${where}: ${violation.id} (${violation.impact}) at ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        }
        if (width.name === "phone") {
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          if (scrollWidth !== clientWidth) {
            const line = `${where}: page is ${scrollWidth} px wide in a ${clientWidth} px window`;
            if (check.phoneLayout) problems.push(line);
            else overflowing.push(line);
          }
        }
      }

      // The language is a cookie of the whole context, shared by the tabs.
      await setLocale(first, width.locale);
      const queue = [...visits];
      await Promise.all(
        tabs.map(async (tab) => {
          for (let visit = queue.shift(); visit; visit = queue.shift()) await checkPage(tab, visit, width.locale);
        }),
      );
      // Figures, not assertions: how long the pass took, and pages not yet held to the phone layout.
      console.log(`${role} ${width.name}: ${checks.length} pages in ${width.locale} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const line of overflowing.sort()) console.log(`  wider than the phone (not asserted): ${line}`);
      expect(problems.sort(), problems.join("\n")).toEqual([]);
    });
  }
}

test("the portal's icon and manifest are linked from every page and served (no /favicon.ico 404)", async ({ page, request }) => {
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  for (const path of ["/favicon.ico", "/icon.svg", "/manifest.webmanifest"]) expect((await request.get(path)).status(), path).toBe(200);
});
