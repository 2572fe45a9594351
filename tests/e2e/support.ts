import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "pekppp-demo";

/** Submits the sign-in form and waits until the portal has answered: a new page, or a message. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Surel").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  const message = page.locator("form p[role=alert]");
  await Promise.race([
    page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 15_000 }),
    message.waitFor({ state: "visible", timeout: 15_000 }),
  ]);
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
