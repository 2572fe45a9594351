import { expect, test, type Page } from "@playwright/test";
import { replaceTemporaryPassword, signedInPage } from "./support";

/** The first-tier verifier sets every verified level to 4 (n: next indicator) and approves. */
async function scoreAndApprove(verifier: Page, url: string) {
  await verifier.goto(`${url}/review`);
  const start = verifier.getByRole("button", { name: "Mulai verifikasi" });
  if (await start.isVisible()) {
    await start.click();
    await expect(start).toHaveCount(0);
  }
  await expect(verifier.getByRole("radio").first()).toBeEnabled();
  for (let i = 0; i < 31; i += 1) {
    const card = verifier.getByTestId("review-indicator");
    await card.getByRole("radio", { name: /^Level 4 —/ }).check();
    await verifier.getByRole("heading", { level: 2 }).first().click();
    if (i < 30) await verifier.keyboard.press("n");
  }
  await expect(verifier.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 15_000 });
  await verifier.getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.getByRole("alertdialog").getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.waitForURL(new RegExp(`${url}$`));
}

/**
 * Issue 15, the second tier on the demo data: the admin turns it on for regencies and cities and
 * makes a new verifier the ministry's validator of a regency of Sumatera Selatan; the province's
 * verifier approves a locus of it in review, which then awaits validation; the validator sends it
 * back with reasons, the first tier sees them and approves again, and the validator validates it.
 * The setting is turned off again at the end, so the other journeys keep one tier.
 */
test("second tier: a regency locus approved by the province awaits the ministry, is sent back with reasons, approved again and validated", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  // The regency locus the demo data has in review with the province's verifier.
  await verifier.goto("/verification?status=IN_REVIEW&type=KABUPATEN");
  const row = verifier.getByTestId("queue-row").first();
  const url = new URL((await row.getByRole("link").first().getAttribute("href"))!, "http://x").pathname;
  const institution = (await row
    .getByRole("cell")
    .first()
    .evaluate((cell) => cell.firstChild?.textContent ?? ""))!.trim();

  const admin = await signedInPage(browser, "admin@pekppp.test");
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Surel").fill("validator.kementerian@pekppp.test");
  await admin.getByLabel("Nama").fill("Bayu Validator Kementerian");
  await admin.getByLabel("Peran").selectOption("VERIFIER");
  await admin.getByRole("button", { name: "Buat akun" }).click();
  const temporary = (await admin.getByTestId("temporary-password").textContent())!.trim();

  // The admin turns the second tier on (regencies and cities by default) and assigns the validator.
  await admin.goto("/admin/cycles");
  await admin
    .getByRole("main")
    .getByRole("link", { name: /^PEKPPP \d{4}$/ })
    .first()
    .click();
  await admin.getByRole("link", { name: "Validasi tingkat kedua" }).click();
  await expect(admin.getByRole("checkbox", { name: "Kabupaten" })).toBeChecked();
  await expect(admin.getByRole("checkbox", { name: "Kementerian/Lembaga" })).not.toBeChecked();
  await admin.getByRole("checkbox", { name: "Validasi tingkat kedua (kementerian)" }).check();
  await admin.getByRole("button", { name: "Simpan pengaturan validasi" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Pengaturan validasi disimpan." })).toBeVisible();
  const validatorOption = admin.getByLabel("Validator").locator("option", { hasText: "validator.kementerian@pekppp.test" });
  await admin.getByLabel("Validator").selectOption((await validatorOption.getAttribute("value"))!);
  await admin.getByLabel("Instansi").selectOption({ label: institution });
  await admin.getByRole("button", { name: "Tetapkan validator" }).click();
  await expect(admin.getByTestId("validators")).toContainText(`${institution}: Bayu Validator Kementerian`);

  // The province's verifier approves: the locus awaits validation.
  await scoreAndApprove(verifier, url);
  await expect(verifier.getByRole("main").getByText("Menunggu Validasi", { exact: true }).first()).toBeVisible();

  // The validator sends it back with reasons.
  const validator = await signedInPage(browser, "validator.kementerian@pekppp.test", temporary);
  await replaceTemporaryPassword(validator, temporary, "validator-kementerian-2026");
  await validator.waitForURL((u) => !u.pathname.endsWith("/password"));
  await validator.goto("/validation");
  const item = validator.getByTestId(`validation-${url.split("/").pop()}`);
  await item.getByLabel("Alasan pengembalian").fill("Level 4 pada indikator 1.a.Ak tidak didukung SK yang ditandatangani.");
  await item.getByRole("button", { name: "Kembalikan ke tingkat pertama" }).click();
  await expect(validator.getByText("Tidak ada lokus yang menunggu validasi.")).toBeVisible({ timeout: 15_000 });

  // The first tier sees the reasons, the locus in review again, and approves once more.
  await verifier.goto(url);
  await expect(verifier.getByTestId("sent-back-notice")).toContainText("tidak didukung SK yang ditandatangani");
  await expect(verifier.getByRole("main").getByText("Dalam Verifikasi", { exact: true }).first()).toBeVisible();
  await scoreAndApprove(verifier, url);
  await expect(verifier.getByRole("main").getByText("Menunggu Validasi", { exact: true }).first()).toBeVisible();

  // The validator validates it: verified.
  await validator.goto("/validation");
  await validator
    .getByTestId(`validation-${url.split("/").pop()}`)
    .getByRole("button", { name: /^Validasi/ })
    .click();
  await expect(validator.getByText("Tidak ada lokus yang menunggu validasi.")).toBeVisible({ timeout: 15_000 });
  await verifier.goto(url);
  await expect(verifier.getByRole("main").getByText("Terverifikasi", { exact: true }).first()).toBeVisible();

  // Off again for the other journeys.
  await admin.reload();
  await admin.getByRole("checkbox", { name: "Validasi tingkat kedua (kementerian)" }).uncheck();
  await admin.getByRole("button", { name: "Simpan pengaturan validasi" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Pengaturan validasi disimpan." })).toBeVisible();
});
