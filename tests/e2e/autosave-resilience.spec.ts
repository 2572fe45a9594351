import { expect, test, type Browser, type Page, type Route } from "@playwright/test";
import { signedInPage, signIn, waitForHydration } from "./support";

// The autosave when things go wrong (issue 13): a conflict that arrives while the user types on, a
// conflict left unresolved, two tabs of one locus offline, a reload while offline, and a save whose
// answer was lost. Every test edits its own indicators of Kota Palembang's draft locus.
//
// The lost-answer tests leave nothing to timing: every save of their indicator is held until the
// test lets it through (or drops its answer), and the page's clock is paused, so the autosave's
// debounce and retry timers fire only when the test advances the clock (use-autosave.ts).

const EVALUATOR = "evaluator.palembang@pekppp.test";
const ALL_SAVED = "Semua perubahan tersimpan";

const justification = (page: Page, code: string) => page.locator(`[id="justification-${code}"]`);
const levelRadio = (page: Page, code: string, level: number) => page.locator(`input[name="level-${code}"][value="${level}"]`);
const card = (page: Page, code: string) => page.locator(`[data-testid="indicator-card"][data-code="${code}"]`);
const saveStatus = (page: Page) => page.getByTestId("save-status");

/** use-autosave.ts: a change is sent this long after the last keystroke; a failed save is retried first after RETRY_MS[0]. */
const DEBOUNCE_MS = 800;
const FIRST_RETRY_MS = 2_000;
/** Makes the texts of this run's saves unique in the locus history. */
const RUN = Date.now().toString(36);

interface SaveBody {
  indicatorCode: string;
  level: number | null;
  justification: string;
  baseVersion: number;
}

/**
 * Holds every save of one indicator on its way to the server, in the order the page sends them;
 * the test takes each one with `next()` and decides its fate. Saves of other indicators pass.
 */
async function holdSaves(page: Page, code: string) {
  const waiting: Route[] = [];
  const takers: ((route: Route) => void)[] = [];
  let count = 0;
  await page.route("**/api/assessments/*/answers", async (route) => {
    const body = route.request().method() === "POST" ? (route.request().postDataJSON() as SaveBody | null) : null;
    if (body?.indicatorCode !== code) return route.continue();
    count += 1;
    const taker = takers.shift();
    if (taker) taker(route);
    else waiting.push(route);
  });
  return {
    next: () =>
      new Promise<Route>((resolve) => {
        const route = waiting.shift();
        if (route) resolve(route);
        else takers.push(resolve);
      }),
    /** How many saves of the indicator the page has sent so far. */
    count: () => count,
  };
}

/** Lets a held save reach the server and its answer reach the page; returns what the server answered. */
async function passOn(route: Route) {
  const response = await route.fetch();
  const body = (await response.json()) as { answer?: { justification: string; version: number } };
  await route.fulfill({ response });
  return { status: response.status(), answer: body.answer };
}

/** Lets a held save reach the server (it is stored), then drops its answer: the page sees the connection reset. */
async function storeButLoseAnswer(route: Route) {
  const response = await route.fetch();
  const body = (await response.json()) as { answer: { justification: string; version: number } };
  expect(response.status()).toBe(200);
  await route.abort("connectionreset");
  return body.answer;
}

/** The page's clock, installed before the workspace opens, is paused once it has: timers fire only when the test runs it on. */
async function pauseClock(page: Page) {
  await page.clock.pauseAt(Date.now() + 60_000);
}

/** The locus history's rows (as a fresh session of the evaluator reads it) that hold `text`, and not `but`. */
async function historyRows(browser: Browser, url: string, text: string, but?: string) {
  const fresh = await signedInPage(browser, EVALUATOR);
  await fresh.goto(url);
  const history = fresh.locator("section[aria-labelledby=history-title]");
  await expect(history).toBeVisible();
  let rows = history.getByTestId("audit-row").filter({ hasText: text });
  if (but) rows = rows.filter({ hasNotText: but });
  const found = await rows.allTextContents();
  await fresh.context().close();
  return found;
}

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
  await waitForHydration(page.locator('[id^="justification-"]').first());
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
  // Three sessions' pages on a loaded machine: the same budget as the other journeys here.
  test.setTimeout(60_000);
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

test("a save whose answer is lost (connection reset) is retried without a conflict and stored once", async ({ browser }) => {
  test.setTimeout(90_000);
  const code = "17.c.As";
  const text = `Tersimpan, balasannya hilang ${RUN}.`;
  const page = await signedInPage(browser, EVALUATOR);
  const url = await draftLocusUrl(page);
  const saves = await holdSaves(page, code);
  await page.clock.install();
  await openWorkspace(page, url);
  await pauseClock(page);

  await justification(page, code).fill(text);
  await page.clock.runFor(DEBOUNCE_MS);
  const lost = await saves.next();
  const sent = lost.request().postDataJSON() as SaveBody;
  const committed = await storeButLoseAnswer(lost);
  expect(committed.justification).toBe(text);

  // The page knows only that the save failed; its retry waits for the clock.
  await expect(saveStatus(page)).toContainText("Gagal menyimpan 1 perubahan");
  await expectStored(browser, url, code, text);

  await page.clock.runFor(FIRST_RETRY_MS);
  const retry = await saves.next();
  // The same save again, on the same version: the server finds it stored and answers it as saved.
  expect(retry.request().postDataJSON()).toEqual(sent);
  const answered = await passOn(retry);
  expect(answered.status).toBe(200);
  expect(answered.answer).toMatchObject({ justification: text, version: committed.version });

  await expect(saveStatus(page)).toContainText(ALL_SAVED);
  await expect(page.getByTestId("conflict")).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("pekppp.autosave.")))).toEqual([]);
  // Every save of the indicator was held until the test took it: there were exactly these two.
  expect(saves.count()).toBe(2);
  // Written once: one save in the locus history, and no conflict recorded.
  const rows = await historyRows(browser, url, text);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain("menyimpan jawaban mandiri");
});

test("text typed while a save's answer is lost is sent after that save, on the version it made, without a conflict", async ({ browser }) => {
  test.setTimeout(90_000);
  const code = "18.c.K";
  const first = `Kalimat pertama ${RUN}.`;
  const newer = `${first} Kalimat kedua, diketik sementara.`;
  const page = await signedInPage(browser, EVALUATOR);
  const url = await draftLocusUrl(page);
  const saves = await holdSaves(page, code);
  await page.clock.install();
  await openWorkspace(page, url);
  await pauseClock(page);

  await justification(page, code).fill(first);
  await page.clock.runFor(DEBOUNCE_MS);
  const lost = await saves.next();
  const sent = lost.request().postDataJSON() as SaveBody;
  expect(sent.justification).toBe(first);
  // The server stores the first text; before its answer would arrive the user types on.
  const response = await lost.fetch();
  const committed = ((await response.json()) as { answer: { version: number } }).answer;
  await justification(page, code).fill(newer);
  await expect(saveStatus(page)).toContainText("1 perubahan belum terkirim");
  await lost.abort("connectionreset");
  await expect(saveStatus(page)).toContainText("Gagal menyimpan 1 perubahan");

  await page.clock.runFor(FIRST_RETRY_MS);
  // First the lost save again, identical: found stored, not written a second time.
  const retry = await saves.next();
  expect(retry.request().postDataJSON()).toEqual(sent);
  expect(await passOn(retry)).toMatchObject({ status: 200, answer: { justification: first, version: committed.version } });
  // Then the newer text, on the version the first save made.
  const next = await saves.next();
  expect(next.request().postDataJSON()).toMatchObject({ justification: newer, baseVersion: committed.version });
  expect(await passOn(next)).toMatchObject({ status: 200, answer: { justification: newer, version: committed.version + 1 } });

  await expect(saveStatus(page)).toContainText(ALL_SAVED);
  await expect(page.getByTestId("conflict")).toHaveCount(0);
  expect(saves.count()).toBe(3);
  await expectStored(browser, url, code, newer);
  // Each text written once: the first text's save, then the newer text's (no conflict, no second write).
  const firstRows = await historyRows(browser, url, first, newer);
  expect(firstRows).toHaveLength(1);
  expect(firstRows[0]).toContain("menyimpan jawaban mandiri");
  const newerRows = await historyRows(browser, url, newer);
  expect(newerRows).toHaveLength(1);
  expect(newerRows[0]).toContain("menyimpan jawaban mandiri");
});
