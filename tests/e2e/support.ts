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
