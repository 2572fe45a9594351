import { expect, test } from "@playwright/test";
import { signIn } from "./support";

/** Scores in hundredths, spread so the zones are all present; zones follow the 2021 bands (checked for those years, unchecked after). */
const SCORES = [9250, 8525, 7710, 6480, 4975];
const zone = (h: number) => (h >= 8100 ? "hijau" : h >= 5100 ? "kuning" : "merah");
const text = (h: number) => `${Math.trunc(h / 100)},${String(h % 100).padStart(2, "0")}`;

test("an admin imports an Ombudsman file (dry run, then apply) and sees the scatter chart, its table and the correlation", async ({ page }) => {
  // Two uploads, an apply and a chart: more than the default 30 s on a loaded machine.
  test.setTimeout(90_000);
  // Institutions with a published index: the public ranking export of the latest published cycle.
  const ranking = await page.request.get("/api/results/rankings?format=csv");
  expect(ranking.status()).toBe(200);
  const year = /(\d{4})/.exec(ranking.headers()["content-disposition"] ?? "")![1]!;
  const codes = (await ranking.text())
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(",")[2]!.replace(/"/g, ""))
    .slice(0, SCORES.length);
  expect(codes).toHaveLength(SCORES.length);
  const file = [
    "kode_instansi,tahun,nilai,zona,peringkat",
    ...codes.map((code, i) => `${code},${year},"${text(SCORES[i]!)}",${zone(SCORES[i]!)},${i + 1}`),
    `TIDAK-ADA-DI-REGISTRI,${year},70,kuning,`,
  ].join("\n");

  await signIn(page, "admin@pekppp.test");
  await page.goto("/admin/ombudsman");
  const input = page.getByLabel("Berkas hasil Ombudsman (CSV atau XLSX, maksimal 10 MB)");
  await input.setInputFiles({ name: "ombudsman.csv", mimeType: "text/csv", buffer: Buffer.from(file, "utf8") });
  await page.getByRole("button", { name: "Pratinjau" }).click();
  // The dry run names the bad row and offers nothing to apply.
  const error = page.getByTestId("import-error");
  await expect(error).toHaveCount(1);
  await expect(error).toContainText('Kode instansi "TIDAK-ADA-DI-REGISTRI" tidak ada di registri.');
  await expect(page.getByRole("button", { name: "Terapkan impor" })).toHaveCount(0);

  // The corrected file: preview, then apply.
  const fixed = file.split("\n").slice(0, -1).join("\n");
  await input.setInputFiles({ name: "ombudsman.csv", mimeType: "text/csv", buffer: Buffer.from(fixed, "utf8") });
  await page.getByRole("button", { name: "Pratinjau" }).click();
  await expect(page.getByTestId("import-ready")).toBeVisible();
  await expect(page.getByTestId("ombudsman-counts")).toHaveText("Akan dibuat 5, diperbarui 0, tidak berubah 0.");
  await page.getByRole("button", { name: "Terapkan impor" }).click();
  await expect(page.getByTestId("import-applied")).toHaveText("Berkas diterapkan: 5 hasil baru, 0 diperbarui, 0 tidak berubah.");

  // The comparison for the cycle of that year: the chart, its table row by row, and r.
  await page.goto("/admin/ombudsman");
  await page.getByLabel("Siklus").selectOption({ label: `PEKPPP ${year} (${year})` });
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page.getByTestId("ombudsman-scatter").locator(".recharts-scatter-symbol")).toHaveCount(SCORES.length);
  const rows = page.getByTestId("ombudsman-row");
  await expect(rows).toHaveCount(SCORES.length);
  for (const [i, code] of codes.entries()) {
    const row = rows.filter({ hasText: `(${code})` });
    await expect(row).toContainText(text(SCORES[i]!).replace(",", "."));
    await expect(row).toContainText(["Hijau", "Hijau", "Kuning", "Kuning", "Merah"][i]!);
  }
  await expect(page.getByTestId("ombudsman-correlation")).toHaveText(/^Korelasi Pearson r = -?\d\.\d{2} \(5 instansi\)\.$/);
});
