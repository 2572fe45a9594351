import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { signIn } from "./support";

/** Text without any whitespace: a PDF's lines break where a page's do not. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

/** The ranking rows the page shows: rank (with "=" for ties), institution, published index. */
async function pageRows(page: Page) {
  const rows = page.getByTestId("ranking-row");
  const count = await rows.count();
  const result: { rank: string; tied: boolean; name: string; index: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = rows.nth(i);
    const rankText = (await row.getByTestId("rank").innerText()).trim();
    result.push({
      rank: rankText
        .replace(/^=/, "")
        .replace(/\s*\(.*\)$/, "")
        .trim(),
      tied: rankText.startsWith("="),
      name: (await row.getByTestId("institution").innerText()).trim(),
      index: (await row.getByTestId("index").innerText()).trim(),
    });
  }
  return result;
}

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  await expect(page.getByTestId(testId).locator("..").getByRole("status")).toHaveText("Unduhan selesai.");
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test("anyone without an account sees the published rankings, ties as ties, and exports identical to the page", async ({ page }) => {
  await page.goto("/results");
  await expect(page.getByRole("heading", { level: 1, name: "Hasil Evaluasi PEKPPP" })).toBeVisible();
  await expect(page.getByTestId("national-index-value")).toHaveText(/^\d\.\d\d$/);
  // Only the published (past) cycles of the ministry are offered under its programme; the running
  // one is not. (An institution's own cycle published by the Mandiri journey has a group of its own.)
  const national = page.getByLabel("Siklus").locator('optgroup[label="PEKPPP Nasional · Kementerian PANRB"]').locator("option");
  expect(await national.allInnerTexts()).toEqual(["PEKPPP 2025", "PEKPPP 2024"]);
  const cycleOptions = await page.getByLabel("Siklus").locator("option").allInnerTexts();
  expect(cycleOptions.join(" ")).not.toContain(String(new Date().getFullYear()));

  await page.getByTestId("group-tabs").getByRole("link", { name: "Kabupaten", exact: true }).click();
  await expect(page.getByTestId("group-title")).toHaveText("Kabupaten");
  await expect(page.getByTestId("group-tabs").getByRole("link", { name: "Kabupaten", exact: true })).toHaveAttribute("aria-current", "page");
  const rows = await pageRows(page);
  expect(rows.length).toBeGreaterThan(3);
  for (let i = 1; i < rows.length; i += 1) {
    const [previous, current] = [rows[i - 1]!, rows[i]!];
    expect(Number(current.index)).toBeLessThanOrEqual(Number(previous.index));
    // Equal published values share a rank (and both say so); a lower value gets its position as rank.
    if (current.index === previous.index) expect([current.rank, current.tied, previous.tied]).toEqual([previous.rank, true, true]);
    else expect(Number(current.rank)).toBe(i + 1);
  }
  await expect(page.getByTestId("grade-distribution").locator("table tbody tr")).toHaveCount(9);

  const csv = await download(page, "export-csv");
  expect(csv.name).toMatch(/\.csv$/);
  const csvRows = parse(csv.bytes, { bom: true, columns: true }) as Record<string, string>[];
  expect(csvRows.map((r) => ({ rank: r.Peringkat, tied: r.Seri === "seri", name: r.Instansi, index: r.Indeks }))).toEqual(rows);

  const xlsx = await download(page, "export-xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const column = (name: string) => header.indexOf(name) + 1;
  const xlsxRows = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    xlsxRows.push({
      rank: String(row.getCell(column("Peringkat")).value),
      tied: row.getCell(column("Seri")).value === "seri",
      name: String(row.getCell(column("Instansi")).value),
      index: String(row.getCell(column("Indeks")).value),
    });
  }
  expect(xlsxRows).toEqual(rows);

  // A search keeps each institution's rank in the whole group.
  const third = rows[2]!;
  await page.getByLabel("Cari nama atau kode instansi").fill(third.name);
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByTestId("ranking-row").first().getByTestId("institution")).toHaveText(third.name);
  expect((await pageRows(page)).find((r) => r.name === third.name)?.rank).toBe(third.rank);
});

test("a ranking row opens the institution's public page with its published index, grade and rank", async ({ page }) => {
  await page.goto("/results");
  const first = (await pageRows(page))[0]!;
  await page.getByTestId("ranking-row").first().getByRole("link", { name: first.name }).click();
  await expect(page).toHaveURL(/\/results\/institutions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: first.name })).toBeVisible();
  // The newest published cycle comes first, with the figures of the listing.
  const latest = page.getByTestId("public-institution-cycle").first();
  await expect(latest.getByTestId("public-institution-index")).toHaveText(first.index);
  await expect(latest.getByTestId("public-institution-rank")).toContainText(`Peringkat ${first.rank}${first.tied ? " (seri)" : ""} dari`);
  // An institution without a published result has no public page.
  const missing = await page.goto("/results/institutions/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
});

test("regencies and cities are ranked within their province, and the head sees the same rank and index on its dashboard", async ({ page }) => {
  await page.goto("/results");
  await page.getByTestId("group-tabs").getByRole("link", { name: "Kabupaten/Kota per provinsi" }).click();
  await page.getByLabel("Provinsi").selectOption({ label: "Sumatera Selatan" });
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByTestId("group-title")).toHaveText("Kabupaten/Kota di Sumatera Selatan");
  const inProvince = (await pageRows(page)).find((r) => r.name === "Kota Palembang")!;
  expect(inProvince).toBeDefined();
  await page.getByTestId("group-tabs").getByRole("link", { name: "Kota", exact: true }).click();
  await expect(page.getByTestId("group-title")).toHaveText("Kota");
  const national = (await pageRows(page)).find((r) => r.name === "Kota Palembang")!;

  await signIn(page, "pimpinan.palembang@pekppp.test");
  await page.goto("/dashboard");
  await expect(page.getByTestId("national-rank")).toContainText(`Peringkat ${national.rank}${national.tied ? " (seri)" : ""} dari`);
  await expect(page.getByTestId("national-rank")).toContainText("(Kota)");
  await expect(page.getByTestId("province-rank")).toContainText(`Peringkat ${inProvince.rank}${inProvince.tied ? " (seri)" : ""} dari`);
  await expect(page.getByTestId("province-rank")).toContainText("Sumatera Selatan");
  await expect(page.getByTestId("finalised-cycle").getByTestId("institution-index")).toHaveText(national.index);
  // The aspect chart's numbers are in a table too; the trend has every cycle with a result.
  await expect(page.getByTestId("aspect-row")).toHaveCount(6);
  await expect(page.getByTestId("aspect-row").first()).toContainText(/\d\.\d\d.*\d\.\d\d/);
  expect(await page.getByTestId("trend-row").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("award-eligibility")).toBeVisible();
  await expect(page.getByTestId("head-recommendation").first()).toBeVisible();

  // The aspects are listed by the weighted points they lose, largest first.
  const losses = (await page.getByTestId("aspect-loss").allInnerTexts()).map(Number);
  expect(losses).toEqual([...losses].sort((a, b) => b - a));

  const card = await download(page, "report-card");
  expect(card.name).toMatch(/^rapor-kota-palembang-.*\.pdf$/);
  expect(card.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(card.bytes.length).toBeGreaterThan(2_000);
  // The card holds the dashboard's rank and award lines, word for word, and no ISO date.
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(card.bytes)), { mergePages: true });
  const awardLines = await page.getByTestId("award-line").allInnerTexts();
  expect(awardLines.length).toBeGreaterThan(0);
  for (const line of [await page.getByTestId("national-rank").innerText(), await page.getByTestId("province-rank").innerText(), ...awardLines]) {
    expect(squeeze(text)).toContain(squeeze(line));
  }
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
});

test("award eligibility lists, rule by rule, who is eligible and from which numbers", async ({ page }) => {
  await page.goto("/results/awards");
  await expect(page.getByRole("heading", { level: 1, name: "Kelayakan Penghargaan" })).toBeVisible();
  const top = page.getByTestId("award-top-kabupaten");
  await expect(top.getByRole("heading", { name: "Terbaik Kabupaten" })).toBeVisible();
  const first = top.getByTestId("award-row").first();
  await expect(first).toContainText(/Peringkat 1( \(seri\))? dari \d+, termasuk 10 teratas \(indeks \d\.\d\d\)/);
  await expect(page.getByTestId("award-province-best").getByTestId("award-row").first()).toContainText(/Peringkat 1( \(seri\))? dari \d+ kabupaten\/kota di /);
  // Keyboard: the rule list links jump to their sections.
  await page.getByRole("link", { name: /^Terbaik Kota \(\d+\)$/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#rule-top-kota$/);
});

test("a locus's full assessment downloads as CSV with the levels and the index the workspace shows", async ({ page }) => {
  await signIn(page, "evaluator.palembang@pekppp.test");
  await page.goto("/loci");
  await page.locator('a[href^="/assessments/"]').first().click();
  await expect(page.getByTestId("score-preview")).toBeVisible();
  const index = (await page.getByTestId("index-preview").innerText()).trim();
  const file = await download(page, "locus-export-csv");
  const rows = parse(file.bytes, { bom: true, columns: true }) as Record<string, string>[];
  const indicators = rows.filter((r) => r.Kode !== "");
  expect(indicators).toHaveLength(31);
  expect(indicators.map((r) => r.Kode)).toContain("1.a.Ak");
  expect(rows.find((r) => r.Indikator === "Indeks lokus")?.["Level mandiri"]).toBe(index);

  const xlsx = await download(page, "locus-export-xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const sheetRows = sheet.getRows(2, sheet.rowCount - 1)!.map((row) => Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? "")])));
  // The workbook holds the same cells as the CSV.
  expect(sheetRows).toEqual(rows);
});

test("an unknown or unpublished cycle in the address shows nothing but 'not found'", async ({ page }) => {
  await page.goto("/results?cycle=00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  const response = await page.request.get("/api/results/rankings?cycle=00000000-0000-4000-8000-000000000000&format=csv");
  expect(response.status()).toBe(404);
});

test("the admin sees a finalised cycle's results under the cycle, marked as published or not", async ({ page }) => {
  await signIn(page, "admin@pekppp.test");
  await page.goto("/admin/cycles");
  await page
    .getByRole("link", { name: `PEKPPP ${new Date().getFullYear() - 1}` })
    .first()
    .click();
  await page.getByRole("link", { name: "Hasil", exact: true }).click();
  await expect(page.getByTestId("preview-banner")).toContainText("sudah dipublikasikan");
  await expect(page.getByTestId("preview-national")).toContainText(/\d\.\d\d/);
  await expect(page.getByTestId("ranking-row").first()).toBeVisible();
  await expect(page.getByTestId("preview-awards").locator("details").first()).toBeVisible();
});

test("the admin edits an award rule with the keyboard, the awards page follows at once, and the defaults come back", async ({ page }) => {
  await signIn(page, "admin@pekppp.test");
  await page.goto("/admin/awards");
  await expect(page.getByTestId("rules-source")).toContainText("bawaan portal");
  const topKota = page.getByTestId("award-rule").filter({ has: page.locator('input[value="Terbaik Kota"]') });
  const n = topKota.getByRole("spinbutton");
  await n.fill("1");
  await n.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Aturan disimpan." })).toBeVisible();

  await page.goto("/results/awards");
  const rows = page.getByTestId("award-top-kota").getByTestId("award-row");
  await expect(rows.first()).toContainText(/Peringkat 1( \(seri\))? dari \d+, termasuk 1 teratas/);
  await expect(page.getByTestId("award-top-kota")).not.toContainText("Peringkat 2 ");

  await page.goto("/admin/awards");
  await expect(page.getByTestId("rules-source")).toContainText("disimpan oleh admin");
  await page.getByRole("button", { name: "Kembalikan ke aturan bawaan" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Kembalikan ke aturan bawaan" }).click();
  await expect(page.getByTestId("rules-source")).toContainText("bawaan portal");
});

test("a head switches the dashboard between the cycles its institution takes part in, each with its own numbers only", async ({ page }) => {
  await signIn(page, "pimpinan.palembang@pekppp.test");
  await page.goto("/dashboard");
  const switcher = page.locator("p[data-testid=current-cycle]");
  // By default the ministry's running cycle, beside the latest finalised one of the same programme.
  await expect(switcher).toContainText("Siklus: PEKPPP 2026");
  await expect(page.getByTestId("finalised-cycle")).toBeVisible();
  await page.getByRole("combobox", { name: "Siklus", exact: true }).selectOption({ label: "Ramah Kelompok Rentan 2026 · Kementerian PANRB · Persiapan" });
  await page.getByRole("button", { name: "Tampilkan", exact: true }).click();
  await expect(page).toHaveURL(/\?cycle=[0-9a-f-]{36}$/);
  await expect(switcher).toContainText("Siklus: Ramah Kelompok Rentan 2026");
  // Nothing of the national cycles: no earlier result, trend, standing or recommendations.
  await expect(page.locator("section[data-testid=current-cycle]")).toContainText("Ramah Kelompok Rentan 2026");
  await expect(page.getByTestId("finalised-cycle")).toHaveCount(0);
  await expect(page.getByTestId("trend-row")).toHaveCount(0);
  await expect(page.getByTestId("national-rank")).toHaveCount(0);
  await expect(page.getByTestId("head-recommendation")).toHaveCount(0);
});
