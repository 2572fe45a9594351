import { expect, test, type Browser, type Page } from "@playwright/test";
import { createEvaluatorAsAdmin, DEMO_PASSWORD, replaceTemporaryPassword, signIn, verifyEveryIndicatorAt } from "./support";

/**
 * The conversation on an indicator (issue 14). The journey works on a locus in review of an
 * institution no other spec touches (Kabupaten Maluku Tengah): the admin assigns it to the demo
 * verifier in the running cycle and creates an evaluator and a head for it, so the demo accounts'
 * loci stay as they are.
 */
const INSTITUTION = "Kabupaten Maluku Tengah";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const INSTITUTION_CODE = "KAB-81-MALUKU-TENGAH";
const VERIFIER_NAME = "Dewi Anggraini (Verifikator)";

async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const page = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await signIn(page, email, password);
  return page;
}

async function createHeadAsAdmin(admin: Page, account: { email: string; name: string; institution: string }) {
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Surel").fill(account.email);
  await admin.getByLabel("Nama").fill(account.name);
  await admin.getByLabel("Peran").selectOption("HEAD");
  await admin.getByLabel("Instansi").selectOption({ label: account.institution });
  await admin.getByRole("button", { name: "Buat akun" }).click();
  return (await admin.getByTestId("temporary-password").textContent())!.trim();
}

/** Starts the review if the locus is only submitted, and waits for the page to be in review (it reloads). */
async function startReview(verifier: Page) {
  const start = verifier.getByRole("button", { name: "Mulai verifikasi" });
  if (await start.isVisible()) await start.click();
  await expect(start).toHaveCount(0);
  await expect(verifier.getByRole("main").getByText("Dalam Verifikasi", { exact: true })).toBeVisible();
  await expect(verifier.getByRole("radio").first()).toBeEnabled();
}

test("the verifier returns a locus with a question on one indicator; the evaluator follows it there and answers; the verifier sees the answer and approves", async ({
  browser,
}) => {
  test.setTimeout(240_000);

  // The admin assigns the institution to the demo verifier and creates its evaluator and head.
  const admin = await signedInPage(browser, "admin@pekppp.test");
  await admin.goto("/admin/assignments");
  await admin.getByLabel("Cari nama atau kode instansi").fill(INSTITUTION_CODE);
  await admin.getByRole("button", { name: "Terapkan" }).click();
  const assignment = admin.getByTestId("assignment-row");
  await expect(assignment).toHaveCount(1);
  await assignment.getByLabel(`Verifikator untuk ${INSTITUTION}`).selectOption({ label: VERIFIER_NAME });
  await assignment.getByRole("button", { name: "Tambahkan" }).click();
  await expect(assignment.getByTestId("institution-verifiers")).toContainText(VERIFIER_NAME);
  const evaluatorName = "Evaluator Percakapan";
  const temporary = await createEvaluatorAsAdmin(admin, { email: "evaluator.percakapan@pekppp.test", name: evaluatorName, institution: INSTITUTION });
  const evaluator = await signedInPage(browser, "evaluator.percakapan@pekppp.test", temporary);
  await replaceTemporaryPassword(evaluator, temporary, "PercakapanSandi2026");
  await evaluator.waitForURL(/\/loci$/);
  const headTemporary = await createHeadAsAdmin(admin, { email: "pimpinan.percakapan@pekppp.test", name: "Pimpinan Percakapan", institution: INSTITUTION });
  const head = await signedInPage(browser, "pimpinan.percakapan@pekppp.test", headTemporary);
  await replaceTemporaryPassword(head, headTemporary, "PimpinanSandi2026");
  await head.waitForURL(/\/dashboard$/);

  // The locus in review, from the verifier's queue.
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  await verifier.goto("/verification?status=IN_REVIEW");
  const row = verifier.getByTestId("queue-row").filter({ hasText: INSTITUTION });
  await expect(row).toHaveCount(1);
  const locusUrl = (await row.getByRole("link").first().getAttribute("href"))!;
  const reviewUrl = `${locusUrl}/review`;

  // The verifier reviews: every verified level, then a question on the first indicator, mentioning the evaluator.
  await verifier.goto(reviewUrl);
  await startReview(verifier);
  await verifyEveryIndicatorAt(verifier, 3);
  const round = (await verifier
    .getByRole("main")
    .getByText(/^Putaran \d+$/)
    .first()
    .textContent())!.trim();
  // The header link of an indicator (as a notification's deep link would) opens it.
  await verifier.goto(`${reviewUrl}#indikator-1.a.Ak`);
  const card = verifier.getByTestId("review-indicator");
  await expect(card).toHaveAttribute("data-code", "1.a.Ak");
  const thread = card.getByTestId("thread");
  await expect(thread).toContainText("Belum ada komentar pada indikator ini.");
  const compose = thread.getByLabel("Tulis komentar untuk indikator 1.a.Ak");
  await compose.fill("Mohon tunjukkan SK penetapan Standar Pelayanan yang ditandatangani.");
  await thread.getByLabel("Sebut peserta").selectOption({ label: `${evaluatorName} (Evaluator Internal)` });
  await expect(compose).toBeFocused();
  await expect(compose).toHaveValue(`Mohon tunjukkan SK penetapan Standar Pelayanan yang ditandatangani. @${evaluatorName} `);
  await thread.getByLabel("Tandai sebagai pertanyaan yang perlu dijawab unit").check();
  await thread.getByRole("button", { name: "Kirim komentar" }).click();
  const question = thread.getByTestId("comment").first();
  await expect(question).toHaveAttribute("data-question", "open");
  await expect(question.getByTestId("comment-question")).toHaveText("Pertanyaan — menunggu jawaban unit");
  await expect(question).toContainText(`Menyebut: ${evaluatorName}`);
  await expect(question.getByTestId("comment-round")).toHaveText(round);
  await expect(thread.getByRole("status")).toHaveText("Komentar terkirim.");
  await expect(compose).toHaveValue("");
  // The author may still edit it (five minutes); the locus header counts the open question.
  await expect(question.getByRole("button", { name: `Sunting komentar ${VERIFIER_NAME}` })).toBeVisible();
  await expect(verifier.getByTestId("open-questions")).toHaveAttribute("data-count", "1");
  await expect(verifier.getByTestId("open-questions")).toContainText("1 pertanyaan terbuka");

  await verifier.getByLabel("Alasan pengembalian untuk indikator ini").fill("Lihat pertanyaan pada percakapan indikator ini.");
  await verifier.getByRole("button", { name: "Kembalikan untuk perbaikan" }).click();
  await verifier.getByRole("alertdialog").getByRole("button", { name: "Kembalikan untuk perbaikan" }).click();
  await verifier.waitForURL(new RegExp(`${locusUrl}$`));

  // A foreign evaluator never reaches the locus or its threads.
  const foreign = await signedInPage(browser, "evaluator.kemenkes@pekppp.test");
  await foreign.goto(locusUrl);
  await expect(foreign.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();

  // The evaluator's bell counts the return and the mention; the mention leads to the indicator's thread.
  await evaluator.reload();
  await expect(evaluator.getByTestId("notification-count")).toHaveText("2");
  await evaluator.getByTestId("notification-bell").click();
  await evaluator.waitForURL(/\/notifications$/);
  await evaluator.getByTestId("notification-item").filter({ hasText: "Anda disebut dalam komentar" }).getByRole("button", { name: "Buka" }).click();
  await evaluator.waitForURL(new RegExp(`${locusUrl}#indikator-1\\.a\\.Ak$`));
  await expect(evaluator.getByTestId("notification-count")).toHaveText("1");
  // The header counts the open question and links to its indicator too.
  const open = evaluator.getByTestId("open-questions");
  await expect(open).toContainText("1 pertanyaan terbuka");
  await expect(open.getByRole("link", { name: "Indikator 1.a.Ak: 1 pertanyaan" })).toHaveAttribute("href", "#indikator-1.a.Ak");
  const unitThread = evaluator.locator("#indikator-1\\.a\\.Ak").getByTestId("thread");
  await expect(unitThread).toHaveAttribute("data-open-questions", "1");
  await expect(unitThread).toBeFocused();
  await expect(unitThread.getByTestId("comment").first()).toContainText("Mohon tunjukkan SK penetapan");
  // The unit cannot ask questions; it answers.
  await expect(unitThread.getByLabel("Tandai sebagai pertanyaan yang perlu dijawab unit")).toHaveCount(0);
  await unitThread.getByLabel("Tulis komentar untuk indikator 1.a.Ak").fill("SK penetapan SP sudah ditandatangani dan diunggah sebagai bukti dukung.");
  // With a file attached (multipart, through the evidence rules).
  await unitThread.getByLabel("Lampiran (opsional; aturan bukti dukung berlaku)").setInputFiles({ name: "sk-sp.png", mimeType: "image/png", buffer: PNG });
  await unitThread.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(unitThread.getByRole("status")).toHaveText("Komentar terkirim; 1 pertanyaan terjawab.");
  await expect(unitThread.getByTestId("comment").first().getByTestId("comment-question")).toHaveText(`Pertanyaan — dijawab oleh ${evaluatorName}`);
  await expect(evaluator.getByTestId("open-questions")).toHaveAttribute("data-count", "0");
  await evaluator.getByRole("button", { name: "Ajukan penilaian mandiri" }).click();
  await evaluator.getByRole("alertdialog").getByRole("button", { name: "Ajukan penilaian mandiri" }).click();
  await expect(evaluator.getByTestId("locked-notice")).toBeVisible({ timeout: 15_000 });

  // The verifier sees the answer (written in the earlier round) in the next round and approves: no open question to confirm.
  await verifier.goto(reviewUrl);
  await startReview(verifier);
  await expect(verifier.getByTestId("open-questions")).toContainText("Tidak ada pertanyaan terbuka");
  const answered = verifier.getByTestId("review-indicator").getByTestId("comment");
  await expect(answered).toHaveCount(2);
  await expect(answered.nth(1)).toContainText("SK penetapan SP sudah ditandatangani");
  await expect(answered.nth(1).getByTestId("comment-author")).toHaveText(`${evaluatorName} (Evaluator Internal)`);
  await expect(answered.nth(1).getByTestId("comment-round")).toHaveText(round);
  const attachment = answered.nth(1).getByRole("link", { name: "Lampiran: sk-sp.png" });
  expect((await verifier.request.get((await attachment.getAttribute("href"))!)).headers()["content-type"]).toBe("image/png");
  await verifier.getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  const dialog = verifier.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("approve-open-questions")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.waitForURL(new RegExp(`${locusUrl}$`));
  await expect(verifier.getByText("Terverifikasi").first()).toBeVisible();

  // The head finds the approval notice in the bell (after the return's).
  await head.reload();
  await expect(head.getByTestId("notification-count")).toHaveText("2");
  await head.getByTestId("notification-bell").click();
  await expect(head.getByTestId("notification-item").filter({ hasText: "Lokus disetujui" })).toHaveCount(1);
});
