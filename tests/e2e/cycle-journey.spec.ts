import { expect, test } from "@playwright/test";
import {
  createEvaluatorAsAdmin,
  createVerifierAsAdmin,
  day,
  expectOneImportError,
  previewRegistryFile,
  REGISTRY_HEADER,
  replaceTemporaryPassword,
  setSelfAssessmentDates,
  signedInPage,
  waitForHydration,
} from "./support";

/**
 * The browser journey of running a cycle: an admin creates next year's cycle, imports a
 * registry file with one bad row (sees the error, fixes it, imports), brings the new loci into
 * the cycle, assigns a verifier, and moves the stage dates so that an evaluator can and then
 * cannot edit.
 *
 * Its data is its own: the cycle is next year's, in preparation (never started, never published,
 * so the specs that work in the seeded running cycle or read the published ones do not see it);
 * the regency (E2E-JRN-*) lies in Kalimantan Utara, a province with no institution in the
 * browser-test seed and none of another spec's; the verifier and the evaluator are new accounts.
 */
const INSTITUTION = "Kabupaten Uji Jurnal";
const LOCUS = "Mal Pelayanan Publik Kabupaten Uji Jurnal";
const VERIFIER = { email: "verifikator.jurnal@pekppp.test", name: "Verifikator Jurnal Uji" };
const EVALUATOR = { email: "evaluator.jurnal@pekppp.test", name: "Evaluator Jurnal Uji", institution: INSTITUTION };
/** A new regency with two loci; the second row's service type is the one the test gets wrong first. */
const registryFile = (secondServiceType: string) =>
  [
    REGISTRY_HEADER,
    `E2E-JRN-KAB-1,${INSTITUTION},,KABUPATEN,Kalimantan Utara,${LOCUS},ADMINISTRATIF,Jl. Uji Jurnal 1,ya`,
    `E2E-JRN-KAB-1,${INSTITUTION},,KABUPATEN,Kalimantan Utara,Puskesmas Kabupaten Uji Jurnal,${secondServiceType},,ya`,
  ].join("\r\n");

test("an admin creates a cycle, imports a registry file with a bad row, assigns a verifier, and the stage dates decide whether an evaluator can edit", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await signedInPage(browser, "admin@pekppp.test");

  // 1. Next year's cycle, a copy of the running one's set-up (the form's defaults).
  const year = new Date().getFullYear() + 1;
  await admin.goto("/admin/cycles");
  await admin.getByRole("link", { name: "Buat siklus baru" }).click();
  await expect(admin.getByLabel("Salin pengaturan siklus sebelumnya")).toBeChecked();
  await expect(admin.getByLabel("Tahun", { exact: true })).toHaveValue(String(year));
  await expect(admin.getByLabel("Nama siklus")).toHaveValue(`PEKPPP ${year}`);
  await admin.getByRole("button", { name: "Buat siklus" }).click();
  await admin.waitForURL(/\/admin\/cycles\/[0-9a-f-]{36}$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`PEKPPP ${year}`);
  await expect(admin.getByTestId("cycle-status")).toHaveText("Persiapan");
  const cycleUrl = new URL(admin.url()).pathname;
  const cycleId = cycleUrl.split("/").pop()!;
  // The copy kept the running cycle's verifiers: the demo verifier already has its institutions.
  await expect(admin.getByTestId("workload-row").filter({ hasText: "verifikator@pekppp.test" })).toBeVisible();

  // 2. The registry file: its bad row is named, nothing can be applied; the fixed file applies.
  await admin.goto("/admin/institutions/import");
  await previewRegistryFile(admin, registryFile("JASAA"), "registri-jurnal.csv");
  await expectOneImportError(admin, 3, 'Jenis layanan "JASAA" tidak dikenal; isi ADMINISTRATIF, JASA atau BARANG.');
  await previewRegistryFile(admin, registryFile("JASA"), "registri-jurnal.csv");
  await expect(admin.getByTestId("import-ready")).toBeVisible();
  await admin.getByRole("button", { name: "Terapkan impor" }).click();
  await expect(admin.getByTestId("import-applied")).toHaveText("Impor diterapkan: 1 instansi baru, 0 instansi diubah, 2 lokus baru, 0 lokus diubah.");

  // 3. The new loci join the cycle (registered after it was made).
  await admin.goto(cycleUrl);
  await admin.getByRole("button", { name: "Tambahkan lokus baru" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Tambahkan lokus baru" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "2 lokus ditambahkan." })).toBeVisible();

  // 4. Accounts: a verifier, and the new regency's evaluator.
  await createVerifierAsAdmin(admin, VERIFIER);
  const temporary = await createEvaluatorAsAdmin(admin, EVALUATOR);

  // 5. The verifier takes the regency in the new cycle (not in the running one).
  await admin.goto("/admin/assignments");
  await admin.getByLabel("Siklus", { exact: true }).selectOption(cycleId);
  await admin.getByRole("button", { name: "Tampilkan" }).click();
  await expect(admin).toHaveURL(new RegExp(`cycle=${cycleId}`));
  await admin.getByLabel("Cari nama atau kode instansi").fill("E2E-JRN");
  await admin.getByRole("button", { name: "Terapkan" }).click();
  const row = admin.getByTestId("assignment-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("institution-verifiers")).toHaveText("Belum ada");
  await row.getByLabel(`Verifikator untuk ${INSTITUTION}`).selectOption({ label: VERIFIER.name });
  await row.getByRole("button", { name: "Tambahkan" }).click();
  await expect(row.getByTestId("institution-verifiers")).toContainText(VERIFIER.name);
  const load = admin.getByTestId("verifier-load").filter({ hasText: VERIFIER.name });
  await expect(load.getByTestId("load-institutions")).toHaveText("1");
  await expect(load.getByTestId("load-loci")).toHaveText("2");

  // 6. The schedule: a wrong one is refused with the problem named, then the self-assessment opens today.
  await admin.goto(`${cycleUrl}/setup`);
  await waitForHydration(admin.getByLabel("Tanggal mulai Penilaian mandiri", { exact: true }));
  await setSelfAssessmentDates(admin, day(5), day(1));
  await expect(admin.getByRole("alert").filter({ hasText: "masalah" })).toContainText("Penilaian mandiri: tanggal selesai harus setelah tanggal mulai.");
  await expect(admin.getByLabel("Tanggal selesai Penilaian mandiri")).toHaveAttribute("aria-invalid", "true");
  await setSelfAssessmentDates(admin, day(-1), day(10));
  await expect(admin.getByRole("status").filter({ hasText: "Tanggal tahapan disimpan." })).toBeVisible();

  // The imported locus, found in the cycle's list of loci.
  await admin.getByRole("link", { name: "Lokus", exact: true }).click();
  await admin.getByLabel("Cari instansi atau lokus").fill("Uji Jurnal");
  await admin.getByRole("button", { name: "Tampilkan" }).click();
  await expect(admin.getByTestId("cycle-locus-row")).toHaveCount(2);
  const locusUrl = await admin.getByRole("link", { name: LOCUS }).getAttribute("href");
  expect(locusUrl).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);

  // 7. Inside the dates, the evaluator edits and the answer is saved.
  const evaluator = await signedInPage(browser, EVALUATOR.email, temporary);
  await replaceTemporaryPassword(evaluator, temporary, "JurnalSandi2026");
  await evaluator.waitForURL(/\/loci$/);
  await evaluator.goto(locusUrl!);
  const level = evaluator.locator('input[name="level-1.a.Ak"][value="3"]');
  await expect(level).toBeEnabled();
  await level.check();
  await expect(evaluator.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 15_000 });

  // 8. The admin moves the self-assessment into the past: the evaluator can no longer edit.
  await admin.goto(`${cycleUrl}/setup`);
  await waitForHydration(admin.getByLabel("Tanggal mulai Penilaian mandiri", { exact: true }));
  await setSelfAssessmentDates(admin, day(-10), day(-1));
  await expect(admin.getByRole("status").filter({ hasText: "Tanggal tahapan disimpan." })).toBeVisible();
  await evaluator.reload();
  await expect(evaluator.getByTestId("window-notice")).toContainText("Tahap penilaian mandiri telah ditutup");
  // The levels are shown, no longer offered: the saved one stays.
  await expect(evaluator.locator('input[name="level-1.a.Ak"]')).toHaveCount(0);
  await expect(evaluator.getByRole("group", { name: "Level capaian indikator 1.a.Ak" })).toContainText("Level 3 — ");

  // The overview now counts the unsubmitted loci as overdue, and the stage as over.
  await admin.goto(cycleUrl);
  await expect(admin.getByTestId("overdue-count")).toContainText("lokus melewati batas penilaian mandiri");
  await expect(admin.getByTestId("schedule-SELF_ASSESSMENT")).toContainText("Selesai");
  await expect(admin.getByTestId("workload-row").filter({ hasText: VERIFIER.email })).toBeVisible();
});
