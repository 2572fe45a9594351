import { expect, test, type Browser, type Page } from "@playwright/test";
import { approveVerification, DEMO_PASSWORD, replaceTemporaryPassword, signIn, verifyEveryIndicatorAt } from "./support";

/**
 * Notifications in the browser (issue 14): the verifier approves a locus, and the institution's
 * head finds the notice in the bell, opens it and lands on the locus; the admin's outbox holds the
 * e-mail. It works on a locus in review of an assigned South Sumatra institution that the other
 * specs leave alone (the last one in the queue), through a head the admin creates for it.
 */

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

test("the head gets the approval notice in the bell after the verifier approves, and the link leads to the locus", async ({ browser }) => {
  test.setTimeout(180_000);
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  await verifier.goto("/verification?status=IN_REVIEW");
  const row = verifier
    .getByTestId("queue-row")
    .filter({ hasNotText: "Kota Palembang" })
    .filter({ hasNotText: /^Provinsi Sumatera Selatan/ })
    .last();
  const institution = (await row
    .locator("td")
    .first()
    .evaluate((cell) => cell.childNodes[0]?.textContent ?? ""))!.trim();
  const locusUrl = (await row.getByRole("link").first().getAttribute("href"))!;

  // A head for that institution, signed in before anything happens: no notification yet.
  const admin = await signedInPage(browser, "admin@pekppp.test");
  const email = "pimpinan.notifikasi@pekppp.test";
  const temporary = await createHeadAsAdmin(admin, { email, name: "Pimpinan Notifikasi", institution });
  const head = await signedInPage(browser, email, temporary);
  await replaceTemporaryPassword(head, temporary, "NotifikasiSandi2026");
  await head.waitForURL(/\/dashboard$/);
  const bell = head.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifikasi, tidak ada yang baru");
  await expect(head.getByTestId("notification-count")).toHaveCount(0);

  // The verifier sets every verified level and approves.
  await verifier.goto(`${locusUrl}/review`);
  await expect(verifier.getByRole("radio").first()).toBeEnabled();
  await verifyEveryIndicatorAt(verifier, 4);
  await approveVerification(verifier, locusUrl);
  const locusName = (await verifier.getByRole("heading", { level: 1 }).textContent())!.trim();

  // The head's bell counts it; the list says what happened; opening it leads to the locus and clears the count.
  await head.reload();
  await expect(bell).toHaveAccessibleName("Notifikasi, 1 belum dibaca");
  await expect(head.getByTestId("notification-count")).toHaveText("1");
  await bell.click();
  await head.waitForURL(/\/notifications$/);
  const item = head.getByTestId("notification-item").filter({ hasText: "Lokus disetujui" });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`${locusName} disetujui verifikator.`);
  await item.getByRole("button", { name: "Buka" }).click();
  await head.waitForURL(new RegExp(`${locusUrl}$`));
  await expect(head.getByTestId("notification-count")).toHaveCount(0);
  await head.goto("/notifications");
  await expect(head.getByText("Tidak ada notifikasi yang belum dibaca.")).toBeVisible();
  await head.getByRole("link", { name: "Semua" }).click();
  await expect(head.getByTestId("notification-item").filter({ hasText: "Lokus disetujui" })).toHaveCount(1);

  // The head chooses the daily digest for approvals (a preference per kind).
  await head.getByRole("link", { name: "Pengaturan notifikasi" }).click();
  await head.getByLabel("Lokus disetujui").selectOption("DIGEST");
  await head.getByRole("button", { name: "Simpan pengaturan" }).click();
  await expect(head.getByRole("status")).toHaveText("Pengaturan notifikasi disimpan.");

  // Without SMTP the e-mail waits in the outbox, which admins read.
  await admin.goto("/admin/outbox");
  const mail = admin.getByTestId("outbox-row").filter({ hasText: email });
  await expect(mail.first()).toContainText("[PEKPPP] Lokus disetujui");

  // The evaluator of another institution sees none of it.
  const foreign = await signedInPage(browser, "evaluator.kemenkes@pekppp.test");
  await foreign.goto("/notifications?show=all");
  await expect(foreign.getByTestId("notification-item").filter({ hasText: locusName })).toHaveCount(0);
  await foreign.goto("/admin/outbox");
  await expect(foreign.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
});
