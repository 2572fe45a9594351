import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support";

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await signIn(page, email);
  return page;
}

/** Starts the review and waits for the page to come back in review (it reloads). */
async function startReview(verifier: Page) {
  await verifier.getByRole("button", { name: "Mulai verifikasi" }).click();
  await expect(verifier.getByRole("button", { name: "Mulai verifikasi" })).toHaveCount(0);
  await expect(verifier.getByRole("main").getByText("Dalam Verifikasi", { exact: true })).toBeVisible();
  await expect(verifier.getByRole("radio").first()).toBeEnabled();
}

async function submit(evaluator: Page, url: string) {
  await evaluator.goto(url);
  await evaluator.getByRole("button", { name: "Ajukan penilaian mandiri" }).click();
  await evaluator.getByRole("alertdialog").getByRole("button", { name: "Ajukan penilaian mandiri" }).click();
  await expect(evaluator.getByTestId("locked-notice")).toBeVisible({ timeout: 15_000 });
}

test("an evaluator submits, the verifier returns it with a reason, the evaluator corrects and resubmits, the verifier approves, and the head sees the verified result", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const evaluator = await signedIn(browser, "evaluator.palembang@pekppp.test");
  await evaluator.goto("/loci");
  const url = (await evaluator.getByTestId("locus-card").filter({ hasText: "Dikembalikan" }).first().getByRole("link").getAttribute("href"))!;
  await submit(evaluator, url);

  // The verifier finds it in its queue, filtered to submitted loci, and returns it with a reason.
  const verifier = await signedIn(browser, "verifikator@pekppp.test");
  await verifier.goto("/verification?status=SUBMITTED");
  await expect(verifier.getByTestId("count-SUBMITTED")).toContainText(/\(\d+\)/);
  await verifier.goto(`${url}/review`);
  await startReview(verifier);
  await expect(verifier.getByTestId("review-indicator")).toHaveAttribute("data-code", "1.a.Ak");
  await verifier.getByRole("button", { name: "Kembalikan untuk perbaikan" }).click();
  await expect(verifier.getByRole("alert").filter({ hasText: "Isi sedikitnya satu alasan" })).toBeVisible();
  await verifier.getByLabel("Alasan pengembalian untuk indikator ini").fill("Unggah SK penetapan Standar Pelayanan yang ditandatangani.");
  await verifier.getByRole("button", { name: "Kembalikan untuk perbaikan" }).click();
  // A return is confirmed first (issue 19).
  await verifier.getByRole("alertdialog").getByRole("button", { name: "Kembalikan untuk perbaikan" }).click();
  await verifier.waitForURL(new RegExp(`${url}$`));

  // The evaluator sees the reason on the indicator, corrects and resubmits.
  await evaluator.goto(url);
  await expect(evaluator.getByTestId("returned-banner")).toContainText("Unggah SK penetapan Standar Pelayanan");
  const reason = evaluator.locator("#indikator-1\\.a\\.Ak").getByTestId("return-reason");
  await expect(reason).toContainText("Unggah SK penetapan");
  await evaluator.locator("#justification-1\\.a\\.Ak").fill("SK penetapan SP telah diunggah sebagai bukti dukung.");
  await expect(evaluator.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 10_000 });
  await submit(evaluator, url);

  // The verifier sets every verified level (keyboard: n moves to the next indicator) and approves.
  await verifier.goto(`${url}/review`);
  await startReview(verifier);
  for (let i = 0; i < 31; i += 1) {
    const card = verifier.getByTestId("review-indicator");
    await card.getByRole("radio", { name: /^Level 4 —/ }).check();
    await verifier.getByRole("heading", { level: 2 }).first().click();
    if (i < 30) await verifier.keyboard.press("n");
  }
  await expect(verifier.getByTestId("review-position")).toContainText("30 dari 30");
  await expect(verifier.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 15_000 });
  await expect(verifier.getByTestId("verified-index")).toHaveText(/^\d\.\d\d$/);
  await verifier.getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.getByRole("alertdialog").getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.waitForURL(new RegExp(`${url}$`));
  await expect(verifier.getByText("Terverifikasi").first()).toBeVisible();

  // The head sees the locus's verified index and grade: F-02 alone while the survey is short.
  const head = await signedIn(browser, "pimpinan.palembang@pekppp.test");
  const locusName = (await verifier.getByRole("heading", { level: 1 }).textContent())!.trim();
  const card = head.getByTestId("current-cycle").getByTestId("locus-result").filter({ hasText: locusName });
  await expect(card.getByTestId("locus-index")).toHaveText(/^\d\.\d\d$/);
  await expect(card.getByTestId("locus-index-basis")).toContainText("Indeks hanya dari F-02");

  // Signed-out service users answer the F-03 survey until the minimum is reached.
  const panel = verifier.getByTestId("survey-panel");
  await panel.getByRole("button", { name: "Buat tautan survei" }).click();
  const openLink = panel
    .getByTestId("survey-link")
    .filter({ has: verifier.getByTestId("survey-link-state").getByText("Terbuka", { exact: true }) })
    .first();
  const surveyUrl = await openLink.getByLabel("Tautan publik").inputValue();
  const [, count, minimum] = /^(\d+) dari minimum (\d+) responden$/.exec((await panel.getByTestId("survey-respondents").textContent())!.trim())!.map(Number);
  expect(count).toBeLessThan(minimum!);
  for (let n = count!; n < minimum!; n += 1) await answerSurvey(browser, surveyUrl);
  await verifier.reload();
  await expect(panel.getByTestId("survey-respondents")).toHaveText(`${minimum} dari minimum ${minimum} responden`);
  await expect(panel.getByTestId("survey-index-rule")).toHaveText("Indeks saat ini: F-02 × 75% + F-03 × 25%");
  await head.reload();
  await expect(card.getByTestId("locus-index-basis")).toContainText("× 75% + F-03");
});

/** One service user on a phone, signed out, answers every item of the survey. */
async function answerSurvey(browser: Browser, url: string) {
  const context = await browser.newContext({ locale: "id-ID", viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  await phone.goto(url);
  const items = phone.getByTestId("survey-item");
  await expect(items).toHaveCount(14);
  for (let i = 0; i < 14; i += 1) await items.nth(i).getByText("Baik", { exact: true }).click();
  await phone.getByRole("button", { name: "Kirim jawaban" }).click();
  await expect(phone.getByRole("heading", { name: "Terima kasih!" })).toBeVisible();
  await context.close();
}

test("another verifier's locus and the review page are out of reach for everyone else", async ({ browser }) => {
  const evaluator = await signedIn(browser, "evaluator.kemenkes@pekppp.test");
  await evaluator.goto("/loci");
  const url = (await evaluator.getByTestId("locus-card").first().getByRole("link").getAttribute("href"))!;
  await evaluator.goto(`${url}/review`);
  await expect(evaluator.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  // The demo verifier is assigned to South Sumatra only, not to the Ministry of Health.
  const verifier = await signedIn(browser, "verifikator@pekppp.test");
  await verifier.goto(`${url}/review`);
  await expect(verifier.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
});
