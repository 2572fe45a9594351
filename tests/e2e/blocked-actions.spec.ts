import { expect, test } from "@playwright/test";
import { signedInPage } from "./support";

/**
 * Issue 19 item 9: an action that cannot succeed is not offered. On the running demo cycle (its
 * finalisation stage begins in 76 days) closing and finalising are disabled, each with the reason
 * the server would give, tied to the button as its description.
 */
test("closing or finalising the running cycle before its finalisation stage is disabled, with the reason beside the button", async ({ browser }) => {
  const admin = await signedInPage(browser, "admin@pekppp.test");
  await admin.goto("/admin/cycles");
  await admin
    .getByRole("main")
    .getByRole("link", { name: /^PEKPPP \d{4}$/ })
    .first()
    .click();
  await admin.waitForURL(/\/admin\/cycles\/[0-9a-f-]{36}$/);

  const close = admin.getByRole("button", { name: "Tutup dan tetapkan siklus" });
  await expect(close).toBeDisabled();
  await expect(close).toHaveAccessibleDescription(/^Tahap penetapan belum dimulai\./);
  const finalise = admin.getByRole("button", { name: /^Tetapkan final \(\d+ terverifikasi\)$/ });
  await expect(finalise).toBeDisabled();
  await expect(finalise).toHaveAccessibleDescription(/^Lokus terverifikasi baru dapat difinalkan pada tahap finalisasi: /);
  // Nothing to confirm: no dialog opens.
  await close.click({ force: true });
  await expect(admin.getByRole("alertdialog")).toHaveCount(0);
});
