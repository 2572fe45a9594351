import { expect, test, type Browser, type Page, type Route } from "@playwright/test";
import { signedInPage, signIn } from "./support";

// The autosave when things go wrong (issue 13): a conflict that arrives while the user types on, a
// conflict left unresolved, two tabs of one locus offline, a reload while offline, and a save whose
// answer was lost. Every test edits its own indicators of Kota Palembang's draft locus.

const EVALUATOR = "evaluator.palembang@pekppp.test";
const ALL_SAVED = "Semua perubahan tersimpan";

const justification = (page: Page, code: string) => page.locator(`[id="justification-${code}"]`);
const levelRadio = (page: Page, code: string, level: number) => page.locator(`input[name="level-${code}"][value="${level}"]`);
const card = (page: Page, code: string) => page.locator(`[data-testid="indicator-card"][data-code="${code}"]`);
const saveStatus = (page: Page) => page.getByTestId("save-status");

/** The URL of the signed-in evaluator's draft locus, read from its "My loci" page. */
async function draftLocusUrl(page: Page) {
  await page.goto("/loci");
  const href = await page.getByTestId("locus-card").filter({ hasText: "Draf" }).first().getByRole("link").getAttribute("href");
  expect(href).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
  return href!;
}

/** Opens the locus and waits until React has hydrated it: text typed before that would bypass the autosave. */
async function openWorkspace(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId("score-preview")).toBeVisible();
  await page.waitForFunction(() => {
    const box = document.querySelector('[id^="justification-"]');
    return box !== null && Object.keys(box).some((key) => key.startsWith("__reactProps"));
  });
}

/** Another signed-in session saves an answer through the autosave route, on whatever version is stored now. */
async function saveElsewhere(other: Page, url: string, code: string, value: { level: number; justification: string }, baseVersion?: number) {
  return other.evaluate(
    async ({ endpoint, code, value, baseVersion }) => {
      const post = (base: number) =>
        fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ indicatorCode: code, ...value, baseVersion: base }),
        });
      let response = await post(baseVersion ?? 0);
      if (response.status === 409 && baseVersion === undefined) response = await post((await response.json()).current.version);
      return { status: response.status, body: await response.json() };
    },
    { endpoint: `${url}/answers`.replace("/assessments/", "/api/assessments/"), code, value, baseVersion },
  );
}

/** What the server stores, as a fresh session (its own browser storage, no drafts) shows it. */
async function expectStored(browser: Browser, url: string, code: string, text: string) {
  const fresh = await signedInPage(browser, EVALUATOR);
  await openWorkspace(fresh, url);
  await expect(justification(fresh, code)).toHaveValue(text);
  await fresh.context().close();
}

test("a conflict that arrives while the user types on offers the newest text, and keeping it stores that text", async ({ browser }) => {
  test.setTimeout(60_000);
  const code = "11.b.K";
  const page = await signedInPage(browser, EVALUATOR);
  const url = await draftLocusUrl(page);
  await openWorkspace(page, url);

  // The first save of this indicator is held on its way to the server.
  let hold!: (route: Route) => void;
  const held = new Promise<Route>((resolve) => (hold = resolve));
  let first = true;
  await page.route("**/api/assessments/*/answers", async (route) => {
    if (first && route.request().postDataJSON().indicatorCode === code) {
      first = false;
      hold(route);
      return;
    }
    await route.continue();
  });
  await justification(page, code).fill("Teks pertama");
  const route = await held;
  const sent = route.request().postDataJSON() as { baseVersion: number };

  // The user types on while that save travels; meanwhile another session saves the same indicator.
  await justification(page, code).fill("Teks pertama, lalu kalimat yang diketik sesudahnya.");
  const other = await signedInPage(browser, EVALUATOR);
  const elsewhere = await saveElsewhere(other, url, code, { level: 1, justification: "Disimpan dari sesi lain." }, sent.baseVersion);
  expect(elsewhere.status).toBe(200);
  await route.continue();

  const conflict = card(page, code).getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Disimpan dari sesi lain.");
  await expect(conflict).toContainText("Teks pertama, lalu kalimat yang diketik sesudahnya.");
  await expect(saveStatus(page)).toContainText("belum disimpan");
  await expect(saveStatus(page)).not.toContainText(ALL_SAVED);

  await conflict.getByRole("button", { name: "Pakai jawaban saya" }).click();
  await expect(conflict).toBeHidden();
  await expect(saveStatus(page)).toContainText(ALL_SAVED);
  await expectStored(browser, url, code, "Teks pertama, lalu kalimat yang diketik sesudahnya.");
});

test("an unresolved conflict is kept in the browser and offered again after a reload", async ({ browser }) => {
  test.setTimeout(60_000);
  const code = "12.b.Ak";
  const page = await signedInPage(browser, EVALUATOR);
  const url = await draftLocusUrl(page);
  await openWorkspace(page, url);
  page.on("dialog", (dialog) => void dialog.accept());

  // Another session saves this indicator after the page was loaded; the page's save is then refused.
  const other = await signedInPage(browser, EVALUATOR);
  expect((await saveElsewhere(other, url, code, { level: 2, justification: "Versi sesi lain." })).status).toBe(200);
  await justification(page, code).fill("Versi saya, belum dipilih.");
  const conflict = card(page, code).getByTestId("conflict");
  await expect(conflict).toBeVisible();

  // The tab is reloaded (or closed and opened again) before the user chooses.
  await page.reload();
  await expect(page.getByTestId("score-preview")).toBeVisible();
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Versi saya, belum dipilih.");
  await expect(conflict).toContainText("Versi sesi lain.");
  await expect(justification(page, code)).toHaveValue("Versi saya, belum dipilih.");
  await expect(saveStatus(page)).not.toContainText(ALL_SAVED);

  await conflict.getByRole("button", { name: "Pakai jawaban saya" }).click();
  await expect(conflict).toBeHidden();
  await expect(saveStatus(page)).toContainText(ALL_SAVED);
  await expectStored(browser, url, code, "Versi saya, belum dipilih.");
});

test("two tabs of one locus edit offline, one is closed before the connection returns, and both edits are stored", async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ locale: "id-ID" });
  const first = await context.newPage();
  await signIn(first, EVALUATOR);
  const url = await draftLocusUrl(first);
  await openWorkspace(first, url);
  const second = await context.newPage();
  await openWorkspace(second, url);

  await context.setOffline(true);
  await levelRadio(first, "13.b.K", 3).check();
  await justification(first, "13.b.K").fill("Ditulis di tab pertama saat luring.");
  await expect(saveStatus(first)).toContainText("luring");
  await levelRadio(second, "15.c.K", 4).check();
  await justification(second, "15.c.K").fill("Ditulis di tab kedua saat luring.");
  await expect(saveStatus(second)).toContainText("luring");
  // Each tab shows what the other typed.
  await expect(justification(second, "13.b.K")).toHaveValue("Ditulis di tab pertama saat luring.");

  await first.close();
  await context.setOffline(false);
  await expect(saveStatus(second)).toContainText(ALL_SAVED);
  expect(await second.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("pekppp.autosave.")))).toEqual([]);

  const fresh = await signedInPage(browser, EVALUATOR);
  await openWorkspace(fresh, url);
  await expect(justification(fresh, "13.b.K")).toHaveValue("Ditulis di tab pertama saat luring.");
  await expect(levelRadio(fresh, "13.b.K", 3)).toBeChecked();
  await expect(justification(fresh, "15.c.K")).toHaveValue("Ditulis di tab kedua saat luring.");
  await expect(levelRadio(fresh, "15.c.K", 4)).toBeChecked();
});

test("a change made offline survives a reload while offline and is sent once the connection returns", async ({ browser }) => {
  const code = "16.c.As";
  const page = await signedInPage(browser, EVALUATOR);
  const url = await draftLocusUrl(page);
  await openWorkspace(page, url);
  page.on("dialog", (dialog) => void dialog.accept());

  await page.context().setOffline(true);
  await levelRadio(page, code, 2).check();
  await justification(page, code).fill("Ditulis luring, dikirim setelah dimuat ulang.");
  await expect(saveStatus(page)).toContainText("luring");
  // Reloading offline ends on the browser's error page: the page and its memory are gone.
  await page.reload().catch(() => undefined);
  await page.context().setOffline(false);

  await openWorkspace(page, url);
  await expect(levelRadio(page, code, 2)).toBeChecked();
  await expect(justification(page, code)).toHaveValue("Ditulis luring, dikirim setelah dimuat ulang.");
  await expect(saveStatus(page)).toContainText(ALL_SAVED);
  await expectStored(browser, url, code, "Ditulis luring, dikirim setelah dimuat ulang.");
});
