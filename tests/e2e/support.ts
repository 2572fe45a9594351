import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "pekppp-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Surel").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

export async function expectSignedInAs(page: Page, name: string, roleLabel: string) {
  const badge = page.getByTestId("current-user");
  await expect(badge).toContainText(name);
  await expect(badge).toContainText(roleLabel);
}
