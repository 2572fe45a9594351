import { expect, test } from "@playwright/test";
import { signedInPage } from "./support";

/**
 * Issue 19 item 1: on a phone (390 × 844) an evaluator editing an indicator far down the 30-odd
 * indicator page still sees the save state (the sticky status bar), and it turns to "saved".
 */
test("on a phone the save state stays in view while an indicator far down the page is edited, and turns to saved", async ({ browser }) => {
  const evaluator = await signedInPage(browser, "evaluator.kemenkes@pekppp.test");
  await evaluator.setViewportSize({ width: 390, height: 844 });
  await evaluator.goto("/loci");
  const url = (await evaluator.getByTestId("locus-card").filter({ hasText: "Draf" }).first().getByRole("link").getAttribute("href"))!;
  await evaluator.goto(url);

  // The page does not scroll sideways.
  expect(await evaluator.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

  const field = evaluator.locator("#justification-30\\.f\\.B");
  const before = await field.inputValue();
  await field.scrollIntoViewIfNeeded();
  expect(await evaluator.evaluate(() => window.scrollY)).toBeGreaterThan(10 * 844);
  const status = evaluator.getByTestId("save-status");
  await expect(status).toBeInViewport();
  await field.fill(`${before} Diperbarui dari ponsel.`);

  // "Saved at hh:mm" (not the idle "all saved" of before the change), where the evaluator is.
  await expect(status).toContainText(/tersimpan pukul \d/, { timeout: 15_000 });
  const box = (await status.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  // The projected index is beside it, and the full panel is one link away.
  await expect(evaluator.getByTestId("status-bar-index")).toBeInViewport();
  await evaluator.getByRole("link", { name: "Rincian nilai, yang belum lengkap, dan aspek" }).click();
  await expect(evaluator.getByTestId("score-preview")).toBeInViewport();

  // The indicator heading reads code and title apart.
  await expect(evaluator.locator("#title-30\\.f\\.B")).toHaveAccessibleName(/^30\.f\.B ?: \S/);

  // The page is left as it was.
  await field.fill(before);
  await expect(status).not.toContainText("belum terkirim", { timeout: 15_000 });
  await expect(status).toContainText("Semua perubahan tersimpan");
});
