import { expect, test } from "@playwright/test";
import { signIn } from "./support";

/**
 * Issue 16: an institution admin sets award rules of its own for its Mandiri cycles, with the
 * keyboard, in the same editor as the national admin; its cycles follow the national rules until
 * it saves, and again after it goes back to them. Which cycles follow which rules, and that it can
 * reach no other owner's rules, is held by tests/integration/award-rules.test.ts.
 */
test("the Kemenkes admin saves award rules of its own with the keyboard, then goes back to the national rules", async ({ page }) => {
  await signIn(page, "admin.kemenkes@pekppp.test");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Aturan Penghargaan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aturan penghargaan Kementerian Kesehatan");
  const source = page.getByTestId("rules-source");
  await expect(source).toContainText("aturan nasional");
  // Nothing to go back to yet.
  await expect(page.getByRole("button", { name: "Kembali ke aturan nasional" })).toHaveCount(0);

  const name = page.getByLabel("Nama (Bahasa Indonesia) aturan 1");
  await name.fill("Unit Pelayanan Prima Kemenkes");
  await name.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Aturan disimpan." })).toBeVisible();

  await page.reload();
  await expect(source).toContainText("aturan sendiri");
  await expect(page.getByLabel("Nama (Bahasa Indonesia) aturan 1")).toHaveValue("Unit Pelayanan Prima Kemenkes");
  await page.getByRole("button", { name: "Kembali ke aturan nasional" }).press("Enter");
  await page.getByRole("alertdialog").getByRole("button", { name: "Kembali ke aturan nasional" }).press("Enter");
  await expect(source).toContainText("aturan nasional");
  await expect(page.getByLabel("Nama (Bahasa Indonesia) aturan 1")).not.toHaveValue("Unit Pelayanan Prima Kemenkes");
});
