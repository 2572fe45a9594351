import { expect, test } from "@playwright/test";
import { signIn } from "./support";

/**
 * The instrument editor. Creating a cycle, its stage dates and their effect on an evaluator are
 * the browser journey of tests/e2e/cycle-journey.spec.ts.
 */
test("an instrument in use is read-only; a copy is edited in the browser, every problem is listed, and a fixed one is saved", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin@pekppp.test");
  await page.goto("/admin/instruments");
  await page.getByTestId("instrument-row").filter({ hasText: "PEKPPP-A" }).getByRole("link").first().click();
  await expect(page.getByTestId("version-state")).toContainText("hanya dapat dibaca");
  await expect(page.getByRole("link", { name: "Ubah versi ini" })).toHaveCount(0);

  // The vulnerable-group instrument, copied under a new label.
  await page.goto("/admin/instruments");
  await page.getByTestId("instrument-row").filter({ hasText: "RKR" }).getByRole("link").first().click();
  await expect(page.getByTestId("instrument-aspect")).toHaveCount(3);
  await page.getByLabel("Label versi baru").fill("2026-uji");
  await page.getByRole("button", { name: "Salin dan ubah" }).click();
  await page.waitForURL(/\/admin\/instruments\/[0-9a-f-]{36}\/edit$/);
  await expect(page.getByTestId("aspect-sum")).toHaveText("Jumlah bobot aspek: 100 dari 100");

  // Two problems at once: aspect weights that no longer sum to 100, and an empty survey item.
  await page.locator("#a0-weight").fill("45");
  await expect(page.getByTestId("aspect-sum")).toHaveText("Jumlah bobot aspek: 105 dari 100");
  await page.locator("#s0-text").fill("");
  await page.getByRole("button", { name: "Simpan versi" }).click();
  const problems = page.getByTestId("instrument-problems");
  await expect(problems.getByRole("listitem")).toHaveCount(2);
  await expect(problems).toContainText("Jumlah bobot aspek adalah 105, seharusnya 100.");
  await expect(problems).toContainText("butir survei R01: teks wajib masih kosong.");

  // Each problem takes the keyboard to its field.
  await problems.getByRole("button", { name: /Jumlah bobot aspek/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#a0-weight")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("40");
  await page.locator("#s0-text").fill("Saya mudah mencapai tempat pelayanan.");
  await page.getByRole("button", { name: "Simpan versi" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Versi disimpan." })).toBeVisible();

  await page.getByRole("link", { name: "← Kembali ke versi ini" }).click();
  await expect(page.getByText("Saya mudah mencapai tempat pelayanan.")).toBeVisible();
  await expect(page.getByTestId("version-state")).toContainText("belum dipakai siklus");
});
