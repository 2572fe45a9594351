import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { validateInstrument } from "@/lib/domain/instrument";
import { classify } from "@/lib/domain/grades";
import { computeLocusResult } from "@/lib/domain/scoring";
import { createEvaluatorAsAdmin, DEMO_PASSWORD, replaceTemporaryPassword, signIn } from "./support";

const checked = validateInstrument(JSON.parse(readFileSync(new URL("../../prisma/instruments/pekppp-a-2025.json", import.meta.url), "utf8")));
if (!checked.ok) throw new Error("instrument file invalid");
const instrument = checked.instrument;
const indicators = instrument.aspects.flatMap((a) => a.indicators);

/** The URL of the signed-in evaluator's draft locus, read from its "My loci" page. */
async function draftLocusUrl(page: Page) {
  await page.goto("/loci");
  const href = await page.getByTestId("locus-card").filter({ hasText: "Draf" }).first().getByRole("link").getAttribute("href");
  expect(href).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
  return href!;
}

async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName ?? "", type: el?.type ?? "", name: el?.getAttribute("name") ?? "", id: el?.id ?? "", text: (el?.textContent ?? "").trim() };
  });
}

/** Presses Tab until the focused element satisfies the predicate: keyboard only, no clicks. */
async function tabUntil(page: Page, matches: (el: Awaited<ReturnType<typeof focused>>) => boolean, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    if (matches(await focused(page))) return;
  }
  throw new Error("the keyboard focus never reached the expected element");
}

async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ locale: "id-ID" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

const levelRadio = (page: Page, code: string, level: number) => page.locator(`input[name="level-${code}"][value="${level}"]`);

test("a whole locus is filled with the keyboard only, with a live score preview, and kept after a reload", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("/login");
  await page.getByLabel("Surel").focus();
  await page.keyboard.type("evaluator.kemenkes@pekppp.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/loci$/);
  const url = await draftLocusUrl(page);
  await page.goto(url);
  await expect(page.getByTestId("score-preview")).toBeVisible();

  const chosen = new Map<string, number>();
  for (const [i, indicator] of indicators.entries()) {
    const level = (i * 7) % 6;
    await tabUntil(page, (el) => el.type === "radio" && el.name === `level-${indicator.code}`);
    // Space picks the focused level, arrows move through the group (the radio group pattern).
    await page.keyboard.press("Space");
    const current = Number(await page.evaluate(() => (document.activeElement as HTMLInputElement).value));
    for (let step = current; step < level; step += 1) await page.keyboard.press("ArrowDown");
    for (let step = current; step > level; step -= 1) await page.keyboard.press("ArrowUp");
    await expect(levelRadio(page, indicator.code, level)).toBeChecked();
    chosen.set(indicator.code, level);
    await page.keyboard.press("Tab");
    expect((await focused(page)).id).toBe(`justification-${indicator.code}`);
    await page.keyboard.press("ControlOrMeta+A");
    // Short: every keystroke renders the workspace again, and 31 justifications are typed.
    await page.keyboard.type(`Level ${level}.`);
  }

  for (const aspect of instrument.aspects) {
    const scored = aspect.indicators.filter((i) => i.weight > 0).length;
    await expect(page.getByTestId(`aspect-progress-${aspect.code}`)).toHaveText(`${scored} dari ${scored} terjawab`);
  }
  const expected = computeLocusResult(instrument, chosen, [], { f02SharePercent: 75, minSurveyRespondents: 10_000, institutionAggregation: "MEAN" });
  await expect(page.getByTestId("f02-preview")).toHaveText(classify(expected.f02.total).published);
  await expect(page.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 15_000 });

  await page.reload();
  for (const code of ["1.a.Ak", "14.b.K", "30.f.B", "31.c.K"]) await expect(levelRadio(page, code, chosen.get(code)!)).toBeChecked();
  await expect(page.locator("#justification-30\\.f\\.B")).toHaveValue(`Level ${chosen.get("30.f.B")}.`);

  // Submitting checks completeness and links to what is missing (evidence for levels above 0).
  await tabUntil(page, (el) => el.tag === "BUTTON" && el.text === "Ajukan penilaian mandiri", 400);
  await page.keyboard.press("Enter");
  const missing = page.getByTestId("missing-list");
  await expect(missing).toBeVisible();
  await expect(missing).toContainText("belum ada bukti dukung");
  await expect(missing).not.toContainText("level belum dipilih");
});

test("two evaluators editing one indicator in two browsers end with one deliberate choice and both values on record", async ({ browser }) => {
  test.setTimeout(90_000);
  // A second evaluator of the same institution, created by the admin.
  const admin = await signedInPage(browser, "admin@pekppp.test");
  const temporary = await createEvaluatorAsAdmin(admin, { email: "evaluator.kedua@pekppp.test", name: "Evaluator Kedua", institution: "Kota Palembang" });
  const second = await signedInPage(browser, "evaluator.kedua@pekppp.test", temporary);
  await replaceTemporaryPassword(second, temporary, "KeduaSandi2026");
  await second.waitForURL(/\/loci$/);

  const first = await signedInPage(browser, "evaluator.palembang@pekppp.test");
  const url = await draftLocusUrl(first);
  await first.goto(url);
  await second.goto(url);
  await expect(second.getByTestId("score-preview")).toBeVisible();

  await levelRadio(first, "6.a.B", 5).check();
  await first.locator("#justification-6\\.a\\.B").fill("SKM dipublikasikan dan ditindaklanjuti (evaluator pertama).");
  await expect(first.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 10_000 });

  // The second browser still shows the old version; its change is refused, not applied.
  await levelRadio(second, "6.a.B", 2).check();
  const conflict = second.getByTestId("conflict");
  await expect(conflict).toBeVisible({ timeout: 10_000 });
  await expect(conflict).toContainText("Rina Marlina");
  await expect(conflict).toContainText("Level 5");
  await expect(conflict).toContainText("Level 2");
  await conflict.getByRole("button", { name: "Pakai jawaban saya" }).click();
  await expect(conflict).toBeHidden();
  await expect(second.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 10_000 });

  await first.reload();
  await expect(levelRadio(first, "6.a.B", 2)).toBeChecked();
  // The locus history says it in words, with no action codes.
  const history = first.getByTestId("audit-row");
  await expect(history.filter({ hasText: "menyelesaikan bentrok penyimpanan pada indikator 6.a.B" }).first()).toBeVisible();
  await expect(history.filter({ hasText: "menyimpan jawaban mandiri indikator 6.a.B" }).first()).toBeVisible();
  await expect(first.locator("section[aria-labelledby=history-title]")).not.toContainText("selfAnswer");
});

test("changes made while saving fails are kept in the browser, warned about on leaving, and re-sent after a reload", async ({ page }) => {
  await signIn(page, "evaluator.palembang@pekppp.test");
  const url = await draftLocusUrl(page);
  await page.goto(url);
  await expect(page.getByTestId("score-preview")).toBeVisible();

  await page.route("**/api/assessments/*/answers", (route) => route.abort("internetdisconnected"));
  await levelRadio(page, "7.a.T", 3).check();
  await page.locator("#justification-7\\.a\\.T").fill("Dipublikasikan di tiga media (ditulis saat gangguan jaringan).");
  await expect(page.getByTestId("save-status")).toContainText(/Gagal menyimpan|luring/, { timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Coba lagi" })).toBeVisible();

  let warned = false;
  page.on("dialog", async (dialog) => {
    if (dialog.type() === "beforeunload") warned = true;
    await dialog.accept();
  });
  await page.unroute("**/api/assessments/*/answers");
  await page.reload();
  expect(warned).toBe(true);
  await expect(levelRadio(page, "7.a.T", 3)).toBeChecked();
  await expect(page.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 10_000 });

  await page.reload();
  await expect(levelRadio(page, "7.a.T", 3)).toBeChecked();
  await expect(page.locator("#justification-7\\.a\\.T")).toHaveValue("Dipublikasikan di tiga media (ditulis saat gangguan jaringan).");
});

test("a head sees the locus read-only, with no edit control", async ({ page }) => {
  await signIn(page, "pimpinan.palembang@pekppp.test");
  await page.goto("/loci");
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  // The head reaches the same locus by its URL (from the evaluator's list) and can only read it.
  const evaluator = await signedInPage(page.context().browser()!, "evaluator.palembang@pekppp.test");
  const url = await draftLocusUrl(evaluator);
  await page.goto(url);
  await expect(page.getByTestId("score-preview")).toBeVisible();
  await expect(page.locator('input[type="radio"]')).toHaveCount(0);
  await expect(page.locator("textarea")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Ajukan penilaian mandiri" })).toHaveCount(0);
  await expect(page.getByTestId("level-readonly").first()).toBeVisible();
});

const MINIMAL_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

test("evidence uploads in the workspace: a valid file, a wrong type, an oversized file and a path-like name", async ({ page }) => {
  await signIn(page, "evaluator.palembang@pekppp.test");
  await page.goto(await draftLocusUrl(page));
  const panel = page.locator('[data-testid="evidence-panel"][data-indicator="8.a.Ak"]');
  const fileInput = panel.getByLabel("Unggah berkas bukti dukung");

  await fileInput.setInputFiles({ name: "../../x.pdf", mimeType: "application/pdf", buffer: MINIMAL_PDF });
  await expect(panel.getByTestId("evidence-item").filter({ hasText: "x.pdf" })).toBeVisible();
  await expect(panel.getByRole("link", { name: "Unduh x.pdf" })).toHaveAttribute("href", /^\/api\/evidence\/[0-9a-f-]{36}$/);

  await fileInput.setInputFiles({ name: "laporan.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await expect(panel.getByRole("alert")).toContainText("Jenis berkas laporan.pdf tidak diterima");

  await fileInput.setInputFiles({ name: "besar.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
  await expect(panel.getByRole("alert")).toContainText("terlalu besar");

  // The rest of the form keeps working after a refused file.
  await levelRadio(page, "8.a.Ak", 4).check();
  await expect(page.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 10_000 });
  await expect(panel.getByTestId("evidence-item").filter({ hasText: "laporan.pdf" })).toHaveCount(0);
});
