import { expect, test } from "@playwright/test";
import { createVerifierAsAdmin, expectOneImportError, previewRegistryFile, REGISTRY_HEADER, signedInPage, signIn, waitForHydration } from "./support";

/**
 * Data of this spec only: four institutions in Nusa Tenggara Barat (a province with no seeded
 * institution in the browser-test seed) and a verifier account of its own, so no other spec sees
 * a change in the seeded institutions, the demo accounts or their assignments.
 */
const rows = (province: string) =>
  [
    REGISTRY_HEADER,
    "E2E-REG-KAB-1,Kabupaten Uji Registri Satu,,KABUPATEN,Nusa Tenggara Barat,Mal Pelayanan Publik Kabupaten Uji Registri Satu,ADMINISTRATIF,Jl. Uji 1,ya",
    "E2E-REG-KAB-1,Kabupaten Uji Registri Satu,,KABUPATEN,Nusa Tenggara Barat,RSUD Kabupaten Uji Registri Satu,JASA,,ya",
    "E2E-REG-KOTA-2,Kota Uji Registri Dua,,KOTA,52,Puskesmas Kota Uji Registri Dua,JASA,,ya",
    "E2E-REG-KL-3,Badan Uji Registri,BUR,K/L,,Unit Layanan Badan Uji Registri,BARANG,,ya",
    `E2E-REG-KAB-4,Kabupaten Uji Registri Empat,,KABUPATEN,${province},Dinas Sosial Kabupaten Uji Registri Empat,JASA,,ya`,
  ].join("\r\n");
const VERIFIER = { email: "verifikator.registri@pekppp.test", name: "Verifikator Registri Uji" };

test("an admin imports a registry file, fixes its bad row, applies it, assigns a verifier to the province in bulk and sees the load", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin@pekppp.test");

  // A verifier account of this spec's own.
  await createVerifierAsAdmin(page, VERIFIER);

  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Instansi dan lokus" }).click();
  await page.getByRole("link", { name: "Impor berkas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Impor instansi dan lokus" })).toBeVisible();

  // One row names a province that does not exist: the preview shows it, and nothing can be applied.
  await previewRegistryFile(page, rows("Nusa Tenggara Baratt"));
  await expectOneImportError(page, 6, 'Provinsi "Nusa Tenggara Baratt" tidak dikenal.');

  // The corrected file previews clean, then applies in one go.
  await previewRegistryFile(page, rows("Nusa Tenggara Barat"));
  await expect(page.getByTestId("import-ready")).toBeVisible();
  await expect(page.getByTestId("import-counts-institutions")).toContainText("4");
  await page.getByRole("button", { name: "Terapkan impor" }).click();
  await expect(page.getByTestId("import-applied")).toHaveText("Impor diterapkan: 4 instansi baru, 0 instansi diubah, 5 lokus baru, 0 lokus diubah.");

  // Importing the same file again changes nothing.
  await page.getByRole("button", { name: "Pratinjau" }).click();
  await expect(page.getByTestId("import-ready")).toHaveText("Berkas ini tidak mengubah apa pun: semua instansi dan lokusnya sudah sama.");

  await page.goto("/admin/institutions?province=52");
  await expect(page.getByTestId("institution-row")).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Kabupaten Uji Registri Satu" })).toBeVisible();

  // Every regency and city of the province to the new verifier, in bulk.
  await page.goto("/admin/assignments");
  await page.getByLabel("Verifikator", { exact: true }).selectOption({ label: VERIFIER.name });
  await page.getByLabel("Provinsi", { exact: true }).first().selectOption({ label: "Nusa Tenggara Barat" });
  await page.getByRole("button", { name: "Tugaskan" }).click();
  await expect(page.getByTestId("bulk-result")).toHaveText("3 instansi cocok; 3 penugasan berubah.");

  const load = page.getByTestId("verifier-load").filter({ hasText: VERIFIER.name });
  await expect(load.getByTestId("load-institutions")).toHaveText("3");
  await expect(load.getByTestId("load-loci")).toHaveText("4");

  await page.goto("/admin/assignments?province=52");
  await expect(page.getByTestId("assignment-row")).toHaveCount(3);
  for (const row of await page.getByTestId("assignment-row").all()) await expect(row.getByTestId("institution-verifiers")).toContainText(VERIFIER.name);
});

test("an admin creates an institution and its locus in the browser, edits them, and a stale form is refused", async ({ browser, page }) => {
  await signIn(page, "admin@pekppp.test");
  await page.goto("/admin/institutions/new");
  await page.getByLabel("Kode").fill("e2e-reg-kota-5");
  await page.getByLabel("Nama instansi").fill("Kota Uji Formulir");
  await page.getByLabel("Jenis instansi").selectOption("KOTA");
  // A city without a province is refused with the rule named.
  await page.getByRole("button", { name: "Simpan instansi" }).click();
  await expect(page.getByText("Provinsi wajib diisi untuk provinsi, kabupaten dan kota.")).toBeVisible();
  await page.getByLabel("Provinsi").selectOption({ label: "Nusa Tenggara Barat" });
  await page.getByRole("button", { name: "Simpan instansi" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kota Uji Formulir" })).toBeVisible();
  await expect(page.getByText("E2E-REG-KOTA-5")).toBeVisible();

  const addLocus = page.locator("form").filter({ has: page.getByRole("button", { name: "Tambah lokus" }) });
  await addLocus.getByLabel("Nama lokus").fill("Puskesmas Kota Uji Formulir");
  await addLocus.getByLabel("Jenis layanan").selectOption("JASA");
  await addLocus.getByRole("button", { name: "Tambah lokus" }).click();
  await expect(page.getByTestId("locus-item")).toHaveCount(1);
  await expect(page.getByTestId("locus-item")).toContainText("Jasa · Lainnya · Aktif");

  // The same page open elsewhere, loaded before the next edit.
  const other = await browser.newContext({ locale: "id-ID" }).then((c) => c.newPage());
  await signIn(other, "admin@pekppp.test");
  await other.goto(page.url());

  await page.getByLabel("Nama instansi").fill("Kota Uji Formulir Baru");
  await page.getByRole("button", { name: "Simpan perubahan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Perubahan tersimpan." })).toBeVisible();

  await other.getByLabel("Nama instansi").fill("Kota Uji Formulir Lain");
  await other.getByRole("button", { name: "Simpan perubahan" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "baru saja diubah oleh orang lain" })).toBeVisible();

  await page.getByText("Ubah lokus Puskesmas Kota Uji Formulir").click();
  const editLocus = page.getByTestId("locus-item").locator("form");
  await editLocus.getByLabel("Aktif").uncheck();
  await editLocus.getByRole("button", { name: "Simpan lokus" }).click();
  await expect(page.getByTestId("locus-item").locator("p").nth(1)).toContainText("Nonaktif");
});

test("a verifier chosen in an institution's row before the page is interactive can be added at once (a slow laptop)", async ({ browser }) => {
  const admin = await signedInPage(browser, "admin@pekppp.test");
  // The page's scripts are held back until the choice is made, as on a slow laptop.
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  await admin.route(/\/_next\/static\/chunks\/.*\.js/, async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await admin.goto("/admin/assignments?q=Palembang", { waitUntil: "domcontentloaded" });
  const row = admin.getByTestId("assignment-row").filter({ hasText: "Kota Palembang" });
  const select = row.getByLabel("Verifikator untuk Kota Palembang");
  const verifier = (await select.locator("option").nth(1).textContent())!;
  await select.selectOption({ label: verifier });
  release();
  await waitForHydration(select);
  // The choice stands, and the add button is ready without choosing again (nothing is added here).
  await expect(select.locator("option:checked")).toHaveText(verifier);
  await expect(row.getByRole("button", { name: "Tambahkan" })).toBeEnabled();
});
