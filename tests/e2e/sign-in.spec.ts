import { expect, test } from "@playwright/test";
import { createEvaluatorAsAdmin, expectSignedInAs, replaceTemporaryPassword, signIn } from "./support";

const ROLES = [
  { email: "admin@pekppp.test", path: "/admin/cycles", heading: "Siklus Evaluasi", name: "Admin Sekretariat PEKPPP", role: "Admin" },
  { email: "evaluator.palembang@pekppp.test", path: "/loci", heading: "Lokus Saya", name: "Rina Marlina", role: "Evaluator Internal · Kota Palembang" },
  { email: "verifikator@pekppp.test", path: "/verification", heading: "Antrean Verifikasi", name: "Dewi Anggraini", role: "Verifikator" },
  { email: "pimpinan.palembang@pekppp.test", path: "/dashboard", heading: "Dasbor Instansi", name: "H. Ahmad Fauzi", role: "Pimpinan · Kota Palembang" },
];

for (const account of ROLES) {
  test(`${account.email} signs in and lands on ${account.path}`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page).toHaveURL(new RegExp(`${account.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: account.heading })).toBeVisible();
    await expectSignedInAs(page, account.name, account.role);
  });
}

test("the evaluator's page shows its three loci with status, progress and deadline", async ({ page }) => {
  await signIn(page, "evaluator.palembang@pekppp.test");
  const cards = page.getByTestId("locus-card");
  await expect(cards).toHaveCount(3);
  await expect(cards.filter({ hasText: "Dikembalikan" })).toHaveCount(1);
  await expect(cards.first()).toContainText("dari 30 indikator");
  await expect(cards.first()).toContainText("Batas waktu");
});

test("the head sees its institution's verified index and grade", async ({ page }) => {
  await signIn(page, "pimpinan.palembang@pekppp.test");
  await expect(page.getByTestId("institution-index")).toHaveText(/^[0-5]\.\d\d$/);
  await expect(page.getByTestId("institution-grade")).toContainText(/Pelayanan Prima|Sangat Baik|Baik|Cukup|Buruk|Gagal/);
});

test("a wrong password gives a clear message and no session", async ({ page }) => {
  await signIn(page, "admin@pekppp.test", "bukan-sandinya");
  await expect(page.getByRole("alert", { name: "Surel atau kata sandi salah." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/admin/cycles");
  await expect(page).toHaveURL(/\/login$/);
});

test("a signed-out visitor asking for a portal page is sent to sign in", async ({ page }) => {
  await page.goto("/loci");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Masuk" })).toBeVisible();
});

test("a user of one role opening another role's page gets not found", async ({ page }) => {
  await signIn(page, "evaluator.palembang@pekppp.test");
  await expect(page).toHaveURL(/\/loci$/);
  await page.goto("/admin/cycles");
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
});

test("the interface switches to English and back", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  await expect(page.getByRole("heading", { name: "Masuk" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "verifikator@pekppp.test");
  await expect(page).toHaveURL(/\/verification$/);
  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/verification");
  await expect(page).toHaveURL(/\/login$/);
});

test("signing out everywhere ends the account's sessions in every browser", async ({ browser }) => {
  const [first, second] = await Promise.all([browser.newContext({ locale: "id-ID" }), browser.newContext({ locale: "id-ID" })]);
  const [laptop, phone] = [await first.newPage(), await second.newPage()];
  await signIn(laptop, "pimpinan.palembang@pekppp.test");
  await signIn(phone, "pimpinan.palembang@pekppp.test");
  await expect(phone).toHaveURL(/\/dashboard$/);

  await laptop.goto("/account/password");
  await laptop.getByRole("button", { name: "Keluar dari semua perangkat" }).click();
  await expect(laptop).toHaveURL(/\/login$/);
  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/\/login$/);
  // Signing in again works as before.
  await signIn(phone, "pimpinan.palembang@pekppp.test");
  await expect(phone).toHaveURL(/\/dashboard$/);
  await Promise.all([first.close(), second.close()]);
});

test("signing out ends the session on the server: a copy of its cookie is sent to sign in and its autosave is refused", async ({ browser, baseURL }) => {
  const [first, second] = await Promise.all([browser.newContext({ locale: "id-ID" }), browser.newContext({ locale: "id-ID" })]);
  const page = await first.newPage();
  await signIn(page, "evaluator.palembang@pekppp.test");
  await expect(page).toHaveURL(/\/loci$/);
  const href = await page.getByTestId("locus-card").first().getByRole("link").first().getAttribute("href");
  const assessmentId = href!.split("/").pop()!;

  // The same cookie in another browser: signed in there too, until the first one signs out.
  await second.addCookies(await first.cookies());
  const copy = await second.newPage();
  await copy.goto("/loci");
  await expect(copy).toHaveURL(/\/loci$/);
  // A save on a version that cannot exist: the route accepts the session and refuses the save
  // itself (a conflict, or a locked locus), writing no answer.
  const autosave = () =>
    second.request.post(`/api/assessments/${assessmentId}/answers`, {
      headers: { origin: baseURL! },
      data: { indicatorCode: "1.a.Ak", level: 3, justification: "Dari salinan kuki.", baseVersion: 999_999 },
    });
  expect([409, 423]).toContain((await autosave()).status());

  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await copy.goto("/loci");
  await expect(copy).toHaveURL(/\/login$/);
  const refused = await autosave();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "errors.signInRequired" });
  await Promise.all([first.close(), second.close()]);
});

test("changing the password signs the account out in its other browsers and keeps this one signed in", async ({ browser }) => {
  const email = `ganti.sandi.${Date.now()}@pekppp.test`;
  const admin = await browser.newContext({ locale: "id-ID" });
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin@pekppp.test");
  const temporary = await createEvaluatorAsAdmin(adminPage, { email, name: "Uji Ganti Sandi", institution: "Kota Palembang" });
  await admin.close();

  const [first, second] = await Promise.all([browser.newContext({ locale: "id-ID" }), browser.newContext({ locale: "id-ID" })]);
  const [laptop, phone] = [await first.newPage(), await second.newPage()];
  await signIn(laptop, email, temporary);
  await replaceTemporaryPassword(laptop, temporary, "SandiPertama2026");
  await expect(laptop).toHaveURL(/\/loci$/);
  await signIn(phone, email, "SandiPertama2026");
  await expect(phone).toHaveURL(/\/loci$/);

  await laptop.goto("/account/password");
  await laptop.getByLabel("Kata sandi saat ini").fill("SandiPertama2026");
  await laptop.getByLabel("Kata sandi baru", { exact: true }).fill("SandiKedua2026");
  await laptop.getByLabel("Ulangi kata sandi baru").fill("SandiKedua2026");
  await laptop.getByRole("button", { name: "Simpan kata sandi" }).click();
  await expect(laptop).toHaveURL(/\/loci$/);

  // This browser stays signed in; the other one is sent to sign in.
  await laptop.reload();
  await expect(laptop).toHaveURL(/\/loci$/);
  await expectSignedInAs(laptop, "Uji Ganti Sandi", "Evaluator Internal · Kota Palembang");
  await phone.goto("/loci");
  await expect(phone).toHaveURL(/\/login$/);
  await signIn(phone, email, "SandiKedua2026");
  await expect(phone).toHaveURL(/\/loci$/);
  await Promise.all([first.close(), second.close()]);
});
