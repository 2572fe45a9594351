import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support";

/** A signed-out phone: a fresh context with no cookies, as when a QR code is scanned. */
async function phone(browser: Browser) {
  const context = await browser.newContext({ ...devices["Pixel 7"], locale: "id-ID" });
  return context.newPage();
}

/** The URL of a Palembang locus of the running cycle that is not final, from the verifier's queue. */
async function palembangLocusUrl(page: Page) {
  await page.goto("/verification?q=Palembang");
  const row = page.getByTestId("queue-row").filter({ hasText: "Kota Palembang" }).filter({ hasNotText: "Final" }).first();
  const href = await row.getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
  return href!;
}

const item = (page: Page, number: number) => page.getByRole("group", { name: new RegExp(`^${number}\\. `) });

test("a verifier opens a survey link; a phone answers it once; a closed link says so", async ({ browser }) => {
  test.setTimeout(120_000);
  const verifier = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await signIn(verifier, "verifikator@pekppp.test");
  await verifier.goto(await palembangLocusUrl(verifier));

  const panel = verifier.getByTestId("survey-panel");
  await expect(panel).toBeVisible();
  const respondentsText = (await panel.getByTestId("survey-respondents").textContent())!;
  const [, before, minimum] = /^(\d+) dari minimum (\d+) responden$/.exec(respondentsText.trim())!.map(Number);
  // Whether F-03 enters the index follows the count and the cycle's minimum.
  await expect(panel.getByTestId("survey-index-rule")).toHaveText(
    before! >= minimum! ? "Indeks saat ini: F-02 × 75% + F-03 × 25%" : `Indeks saat ini: F-02 saja (${before} dari minimum ${minimum} responden)`,
  );

  const linksBefore = await panel.getByTestId("survey-link").count();
  await panel.getByRole("button", { name: "Buat tautan survei" }).click();
  await expect(panel.getByTestId("survey-link")).toHaveCount(linksBefore + 1);
  const link = panel.getByTestId("survey-link").first();
  await expect(link.getByTestId("survey-link-state")).toHaveText("Terbuka");
  await expect(link.getByTestId("survey-link-responses")).toHaveText("belum ada jawaban");
  const url = await link.getByLabel("Tautan publik").inputValue();
  expect(url).toMatch(/^https?:\/\/[^/]+\/survey\/[A-Za-z0-9_-]{32}$/);

  // A signed-out phone answers. Missing items are named before anything is sent.
  const respondent = await phone(browser);
  const response = await respondent.goto(url);
  expect(response?.status()).toBe(200);
  await expect(respondent.getByTestId("survey-institution")).toHaveText("Instansi: Kota Palembang");
  await expect(respondent.getByRole("heading", { level: 1 })).toHaveText((await verifier.getByRole("heading", { level: 1 }).first().textContent()) ?? "");
  await expect(respondent.getByTestId("survey-item")).toHaveCount(14);
  expect(await respondent.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  for (let number = 1; number <= 14; number += 1) {
    if (number === 2 || number === 9) continue;
    await item(respondent, number)
      .getByText(number % 6 === 0 ? "Sangat buruk" : "Baik", { exact: true })
      .tap();
  }
  await expect(item(respondent, 4).getByRole("radio", { name: "4 – Baik" })).toBeChecked();
  await expect(item(respondent, 6).getByRole("radio", { name: "0 – Sangat buruk" })).toBeChecked();
  await expect(respondent.getByTestId("survey-progress")).toHaveText("12 dari 14 pernyataan telah dinilai");
  await respondent.getByRole("button", { name: "Kirim jawaban" }).tap();
  const missing = respondent.getByTestId("survey-missing");
  await expect(missing).toContainText("Masih ada 2 pernyataan yang belum dinilai");
  await expect(missing.getByRole("listitem")).toHaveText(["2. Prosedur pelayanan mudah diikuti", "9. Ruang tunggu pelayanan nyaman"]);
  await expect(item(respondent, 2)).toHaveAccessibleDescription("Pernyataan ini belum dinilai.");

  await item(respondent, 2).getByText("Sangat baik", { exact: true }).tap();
  await item(respondent, 9).getByText("Cukup", { exact: true }).tap();
  await expect(missing).toBeHidden();
  await respondent.getByRole("button", { name: "Kirim jawaban" }).tap();
  await expect(respondent.getByRole("heading", { name: "Terima kasih!" })).toBeVisible();
  await expect(respondent.getByTestId("survey-form")).toHaveCount(0);

  // The same phone, later: no second form.
  await respondent.goto(url);
  await expect(respondent.getByRole("heading", { name: "Anda sudah mengisi survei ini" })).toBeVisible();
  await expect(respondent.getByRole("radio")).toHaveCount(0);

  // The verifier sees the response counted, then closes the link.
  await verifier.reload();
  await expect(panel.getByTestId("survey-respondents")).toHaveText(`${before! + 1} dari minimum ${minimum} responden`);
  await expect(link.getByTestId("survey-link-responses")).toHaveText("1 jawaban");
  await link.getByRole("button", { name: "Tutup tautan" }).click();
  await verifier.getByRole("alertdialog", { name: "Tutup tautan" }).getByRole("button", { name: "Ya, tutup sekarang" }).click();
  await expect(link.getByTestId("survey-link-state")).toHaveText("Ditutup");

  const latecomer = await phone(browser);
  const closed = await latecomer.goto(url);
  expect(closed?.status()).toBe(200);
  await expect(latecomer.getByRole("heading", { name: "Survei sudah ditutup" })).toBeVisible();
  await expect(latecomer.getByRole("radio")).toHaveCount(0);
});

test("an unknown survey link answers 404 with a page that says so", async ({ browser }) => {
  const page = await phone(browser);
  const response = await page.goto("/survey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Tautan survei tidak dikenal" })).toBeVisible();
  const malformed = await page.goto("/survey/bukan-token");
  expect(malformed?.status()).toBe(404);
});
