import { expect, test, type Page } from "@playwright/test";
import { SECOND_TIER_FIXTURE } from "../../scripts/lib/e2e-fixtures";
import { replaceTemporaryPassword, signedInPage } from "./support";

/** The province's verifier approves from the review page (every verified level is already set). */
async function approve(verifier: Page, url: string) {
  await verifier.goto(`${url}/review`);
  await verifier.getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.getByRole("alertdialog").getByRole("button", { name: "Setujui hasil verifikasi" }).click();
  await verifier.waitForURL(new RegExp(`${url}$`));
  await expect(verifier.getByRole("main").getByText("Menunggu Validasi", { exact: true }).first()).toBeVisible();
}

/** On the running cycle's second-tier page: the ministry's validation on or off, saved. */
async function setSecondTier(admin: Page, on: boolean) {
  const box = admin.getByRole("checkbox", { name: "Validasi tingkat kedua (kementerian)" });
  await box.setChecked(on);
  await admin.getByRole("button", { name: "Simpan pengaturan validasi" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Pengaturan validasi disimpan." })).toBeVisible();
}

/**
 * Issue 15, the second tier: the admin turns it on and makes a new verifier the ministry's
 * validator of a regency of Sumatera Selatan; the province's verifier approves its locus, which
 * then awaits validation; the validator sends it back with reasons, the first tier sees them and
 * approves again, and the validator validates it. The regency is this journey's own (added to the
 * demo seed by scripts/lib/e2e-fixtures.ts), so no earlier spec can have used it up. The setting
 * is turned off again at the end, whatever happens, so the other journeys keep one tier.
 */
test("second tier: a regency locus approved by the province awaits the ministry, is sent back with reasons, approved again and validated", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const institution = SECOND_TIER_FIXTURE.institutionName;
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  await verifier.goto(`/verification?${new URLSearchParams({ status: "IN_REVIEW", q: institution })}`);
  const row = verifier.getByTestId("queue-row").filter({ hasText: institution });
  await expect(row).toHaveCount(1);
  const url = new URL((await row.getByRole("link").first().getAttribute("href"))!, "http://x").pathname;
  const assessmentId = url.split("/").pop()!;

  const admin = await signedInPage(browser, "admin@pekppp.test");
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Surel").fill("validator.kementerian@pekppp.test");
  await admin.getByLabel("Nama").fill("Bayu Validator Kementerian");
  await admin.getByLabel("Peran").selectOption("VERIFIER");
  await admin.getByRole("button", { name: "Buat akun" }).click();
  const temporary = (await admin.getByTestId("temporary-password").textContent())!.trim();

  // The admin turns the second tier on (regencies and cities by default) and assigns the validator.
  await admin.goto("/admin/cycles");
  await admin.getByTestId("cycle-row").filter({ hasText: "Berjalan" }).getByRole("link").first().click();
  await admin.getByRole("link", { name: "Validasi tingkat kedua" }).click();
  await expect(admin.getByRole("checkbox", { name: "Kabupaten" })).toBeChecked();
  await expect(admin.getByRole("checkbox", { name: "Kementerian/Lembaga" })).not.toBeChecked();
  await setSecondTier(admin, true);
  try {
    const validatorOption = admin.getByLabel("Validator").locator("option", { hasText: "validator.kementerian@pekppp.test" });
    await admin.getByLabel("Validator").selectOption((await validatorOption.getAttribute("value"))!);
    await admin.getByLabel("Instansi").selectOption({ label: institution });
    await admin.getByRole("button", { name: "Tetapkan validator" }).click();
    await expect(admin.getByTestId("validators")).toContainText(`${institution}: Bayu Validator Kementerian`);

    // The province's verifier approves: the locus awaits validation.
    await approve(verifier, url);

    // The validator (after replacing the temporary password) sends it back with reasons.
    const validator = await signedInPage(browser, "validator.kementerian@pekppp.test", temporary);
    await replaceTemporaryPassword(validator, temporary, "validator-kementerian-2026");
    await validator.waitForURL((u) => !u.pathname.endsWith("/password"));
    await validator.goto("/validation");
    const item = validator.getByTestId(`validation-${assessmentId}`);
    await item.getByLabel("Alasan pengembalian").fill("Level 4 pada indikator 1.a.Ak tidak didukung SK yang ditandatangani.");
    await item.getByRole("button", { name: "Kembalikan ke tingkat pertama" }).click();
    await expect(item).toHaveCount(0);

    // The first tier sees the reasons, the locus in review again, and approves once more.
    await verifier.goto(url);
    await expect(verifier.getByTestId("sent-back-notice")).toContainText("tidak didukung SK yang ditandatangani");
    await expect(verifier.getByRole("main").getByText("Dalam Verifikasi", { exact: true }).first()).toBeVisible();
    await approve(verifier, url);

    // The validator validates it: verified.
    await validator.goto("/validation");
    await validator
      .getByTestId(`validation-${assessmentId}`)
      .getByRole("button", { name: /^Validasi/ })
      .click();
    await expect(validator.getByTestId(`validation-${assessmentId}`)).toHaveCount(0);
    await verifier.goto(url);
    await expect(verifier.getByRole("main").getByText("Terverifikasi", { exact: true }).first()).toBeVisible();
  } finally {
    // Off again for the other journeys.
    await admin.reload();
    await setSecondTier(admin, false);
  }
});
