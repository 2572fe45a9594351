import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { wibDate } from "@/lib/domain/cycle";

export const DEMO_PASSWORD = "pekppp-demo";
const DAY = 86_400_000;

/** A calendar day in WIB, `offset` days from today: the days the portal's stage dates are made of. */
export const day = (offset: number) => wibDate(new Date(Date.now() + offset * DAY));

/** Submits the sign-in form and waits until the portal has answered: a new page, or a message. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Surel").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  const message = page.locator("form p[role=alert]");
  await Promise.race([page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 15_000 }), message.waitFor({ state: "visible", timeout: 15_000 })]);
}

/** A browser context of its own (Bahasa Indonesia), signed in. */
export async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ locale: "id-ID" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

export async function expectSignedInAs(page: Page, name: string, roleLabel: string) {
  const badge = page.getByTestId("current-user");
  await expect(badge).toContainText(name);
  await expect(badge).toContainText(roleLabel);
}

/** The admin creates an evaluator of an institution; returns the temporary password shown once. */
export async function createEvaluatorAsAdmin(admin: Page, account: { email: string; name: string; institution: string }) {
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Surel").fill(account.email);
  await admin.getByLabel("Nama").fill(account.name);
  await admin.getByLabel("Peran").selectOption("EVALUATOR");
  await admin.getByLabel("Instansi").selectOption({ label: account.institution });
  await admin.getByRole("button", { name: "Buat akun" }).click();
  return (await admin.getByTestId("temporary-password").textContent())!.trim();
}

/** On the forced password change page: replaces the temporary password. */
export async function replaceTemporaryPassword(page: Page, temporary: string, chosen: string) {
  await page.getByLabel("Kata sandi saat ini").fill(temporary);
  await page.getByLabel("Kata sandi baru", { exact: true }).fill(chosen);
  await page.getByLabel("Ulangi kata sandi baru").fill(chosen);
  await page.getByRole("button", { name: "Simpan kata sandi" }).click();
}

/** The admin creates a verifier account (no institution); it shows up in the assignment forms. */
export async function createVerifierAsAdmin(admin: Page, account: { email: string; name: string }) {
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Surel").fill(account.email);
  await admin.getByLabel("Nama").fill(account.name);
  await admin.getByLabel("Peran").selectOption("VERIFIER");
  await admin.getByRole("button", { name: "Buat akun" }).click();
  await expect(admin.getByTestId("temporary-password")).toBeVisible();
}

/** The header row of a registry import file (institution columns, then locus columns). */
export const REGISTRY_HEADER = "kode_instansi,nama_instansi,singkatan,jenis_instansi,provinsi,nama_lokus,jenis_layanan,alamat_lokus,lokus_aktif";

/** On the registry import page: chooses a CSV file with this content and asks for the preview (the dry run). */
export async function previewRegistryFile(page: Page, content: string, name = "registri-uji.csv") {
  await page.getByLabel("Berkas registri (CSV atau XLSX, maksimal 10 MB)").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content, "utf8") });
  await page.getByRole("button", { name: "Pratinjau" }).click();
}

/** The preview refused the file for exactly one row error: its row and message are shown, and nothing can be applied. */
export async function expectOneImportError(page: Page, row: number, message: string) {
  const error = page.getByTestId("import-error");
  await expect(error).toHaveCount(1);
  await expect(error.locator("td").first()).toHaveText(String(row));
  await expect(error).toContainText(message);
  await expect(page.getByRole("alert", { name: "1 kesalahan ditemukan. Perbaiki berkas lalu pratinjau lagi; tidak ada yang disimpan." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Terapkan impor" })).toHaveCount(0);
}

/** On a cycle's set-up page: sets the self-assessment dates and saves the schedule. */
export async function setSelfAssessmentDates(admin: Page, from: string, to: string) {
  await admin.getByLabel("Tanggal mulai Penilaian mandiri").fill(from);
  await admin.getByLabel("Tanggal selesai Penilaian mandiri").fill(to);
  await admin.getByRole("button", { name: "Simpan tanggal tahapan" }).click();
}

/**
 * Waits until React has hydrated the element (a client component's field): a value filled in before
 * that is reset by the first render, which a loaded machine makes likely.
 */
export async function waitForHydration(locator: Locator) {
  const element = await locator.elementHandle();
  await locator.page().waitForFunction((el) => el !== null && Object.keys(el).some((key) => key.startsWith("__reactProps")), element);
}

/** On the review page: every one of the 31 indicators verified at `level`, moving on with the "n" key, until all is saved. */
export async function verifyEveryIndicatorAt(verifier: Page, level: number) {
  for (let i = 0; i < 31; i += 1) {
    await verifier
      .getByTestId("review-indicator")
      .getByRole("radio", { name: new RegExp(`^Level ${level} —`) })
      .check();
    await verifier.getByRole("heading", { level: 2 }).first().click();
    if (i < 30) await verifier.keyboard.press("n");
  }
  await expect(verifier.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 15_000 });
}

/** Approves the verification under review, confirmed, and waits for the locus page at `locusUrl`. */
export async function approveVerification(verifier: Page, locusUrl: string) {
  await verifier.getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.getByRole("alertdialog").getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.waitForURL(new RegExp(`${locusUrl}$`));
}
