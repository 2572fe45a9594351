import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

/** A minimal but well-formed PDF: the decree document. */
function minimalPdf() {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}

const INSTITUTION = "Kota Palembang";

/** Kota Palembang's published index in the Kota group of a listing URL. */
async function indexOf(page: Page, url: string) {
  await page.goto(url);
  const row = page.getByTestId("ranking-row").filter({ has: page.getByTestId("institution").getByText(INSTITUTION, { exact: true }) });
  return (await row.getByTestId("index").innerText()).trim();
}

test("an admin corrects one verified level of a final locus of a published cycle; the listing shows the corrected index marked, version 1 stays readable", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The latest published cycle, as the public listing names it in its export link.
  await page.goto("/results");
  const href = await page.getByTestId("export-csv").getAttribute("href");
  const cycleId = new URLSearchParams(href!.split("?")[1]).get("cycle")!;
  const listingUrl = `/results?${new URLSearchParams({ cycle: cycleId, group: "KOTA" })}`;
  const before = await indexOf(page, listingUrl);
  await expect(page.getByTestId("result-version")).toHaveCount(0);

  await signIn(page, "admin@pekppp.test");
  await page.goto(`/admin/cycles/${cycleId}/loci?${new URLSearchParams({ q: INSTITUTION, status: "FINAL" })}`);
  await page
    .getByRole("link", { name: /^Koreksi: / })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Koreksi hasil" })).toBeVisible();

  // Open: reason, decree number and the decree document.
  await page.getByLabel("Alasan koreksi").fill("Level indikator salah dimasukkan saat verifikasi lapangan.");
  await page.getByLabel("Nomor surat keputusan").fill("SK MenPAN-RB 12/2026");
  await page.getByLabel("Dokumen surat keputusan").setInputFiles({ name: "sk-koreksi.pdf", mimeType: "application/pdf", buffer: minimalPdf() });
  await page.getByRole("button", { name: "Buka koreksi" }).click();
  await expect(page.getByText("Dalam Koreksi").first()).toBeVisible();

  // One level changes: the first indicator goes to the other end of the scale.
  const row = page.locator("[data-testid^=correction-row-]").first();
  const select = row.getByRole("combobox");
  const current = Number(await select.inputValue());
  await select.selectOption(String(current >= 3 ? 0 : 5));
  await row.getByRole("textbox").fill("Dikoreksi menurut SK");
  await row.getByRole("button", { name: "Simpan" }).click();
  await expect(row.getByRole("status")).toHaveText("Tersimpan.");

  await page.getByRole("button", { name: "Terbitkan koreksi" }).click();
  await expect(page.getByTestId("correction-history")).toContainText("Versi hasil 2");
  await expect(page.getByTestId("correction-changes")).toContainText(/Koreksi ini (tidak )?mengubah peringkat\./);

  // The public listing: the corrected index, marked, and version 1 one click away.
  await page.context().clearCookies();
  const after = await indexOf(page, listingUrl);
  expect(after).not.toBe(before);
  await expect(page.getByTestId("result-version")).toContainText("Dikoreksi pada");
  await page
    .getByTestId("result-version")
    .getByRole("link", { name: /^Versi 1/ })
    .click();
  await expect(page).toHaveURL(/version=1/);
  await expect(page.getByTestId("result-version")).toContainText("Versi 1");
  await expect(page.getByTestId("result-version")).toContainText("bukan versi terkini");
  const row1 = page.getByTestId("ranking-row").filter({ has: page.getByTestId("institution").getByText(INSTITUTION, { exact: true }) });
  await expect(row1.getByTestId("index")).toHaveText(before);
});
