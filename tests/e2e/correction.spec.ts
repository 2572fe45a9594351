import { expect, test, type Page } from "@playwright/test";
import { downloadBeritaAcara, expectEveryLevel, exportedLevels, signOnPage } from "./sign-off-support";
import { signedInPage, signIn } from "./support";
import { minimalPdf } from "../integration/support/minimal-pdf";

/** A minimal but well-formed PDF: the decree document. */

const INSTITUTION = "Kota Palembang";

/** Kota Palembang's published index in the Kota group of a listing URL. */
async function indexOf(page: Page, url: string) {
  await page.goto(url);
  const row = page.getByTestId("ranking-row").filter({ has: page.getByTestId("institution").getByText(INSTITUTION, { exact: true }) });
  return (await row.getByTestId("index").innerText()).trim();
}

/** The index the Berita Acara page of a locus states ("Indeks: 3.87 · Predikat: B"). */
const pageIndex = async (page: Page) => (await page.getByTestId("berita-acara-index").textContent())!.match(/Indeks: ([0-9.,]+)/)![1]!;

// Issue 15, the chain: a final locus's Berita Acara is signed (verifier, then head; the approval
// itself is in verification.spec.ts), an admin corrects one of its levels, the signed code is
// superseded and the corrected data gets a new Berita Acara with a new code; the public listing
// shows the corrected index marked, and version 1 stays readable.
test("a signed Berita Acara of a final locus is superseded by an admin's correction; the new one has a new code; the listing shows the corrected index marked, version 1 stays readable", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The latest published cycle, as the public listing names it in its export link.
  await page.goto("/results");
  const href = await page.getByTestId("export-csv").getAttribute("href");
  const cycleId = new URLSearchParams(href!.split("?")[1]).get("cycle")!;
  const listingUrl = `/results?${new URLSearchParams({ cycle: cycleId, group: "KOTA" })}`;
  const before = await indexOf(page, listingUrl);
  await expect(page.getByTestId("result-version")).toHaveCount(0);
  // Issue 17: a visitor's page is the rendered one kept for these published results.
  const cache = async () => (await page.request.get(listingUrl)).headers()["x-results-cache"];
  expect(await cache()).toBe("hit");

  await signIn(page, "admin@pekppp.test");
  await page.goto(`/admin/cycles/${cycleId}/loci?${new URLSearchParams({ q: INSTITUTION, status: "FINAL" })}`);
  await page
    .getByRole("link", { name: /^Koreksi: / })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Koreksi hasil" })).toBeVisible();
  const assessmentId = new URL(page.url()).pathname.split("/").pop()!;

  // Before the correction: the verifier then the head sign its Berita Acara; the PDF holds the
  // code and every verified level, and the public page shows the same index, "Berlaku".
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  const levels = await exportedLevels(verifier, assessmentId);
  const code = await signOnPage(verifier, assessmentId);
  const head = await signedInPage(browser, "pimpinan.palembang@pekppp.test");
  expect(await signOnPage(head, assessmentId)).toBe(code);
  await expect(head.getByText("Berita acara telah ditandatangani lengkap.")).toBeVisible();
  const signedIndex = await pageIndex(head);
  const signed = await downloadBeritaAcara(head);
  expect(signed.text).toContain(`Kode: ${code}`);
  expect(signed.text).toContain(`Indeks: ${signedIndex}`);
  expectEveryLevel(signed.text, levels);
  const visitor = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await visitor.goto(`/verify/${code}`);
  await expect(visitor.getByTestId("verify-state")).toHaveText("Keadaan: Berlaku");
  await expect(visitor.getByTestId("verify-index")).toHaveText(signedIndex);

  // Open: reason, decree number and the decree document.
  await page.getByLabel("Alasan koreksi").fill("Level indikator salah dimasukkan saat verifikasi lapangan.");
  await page.getByLabel("Nomor surat keputusan").fill("SK MenPAN-RB 12/2026");
  await page.getByLabel("Dokumen surat keputusan").setInputFiles({ name: "sk-koreksi.pdf", mimeType: "application/pdf", buffer: Buffer.from(minimalPdf()) });
  await page.getByRole("button", { name: "Buka koreksi" }).click();
  await expect(page.getByText("Dalam Koreksi").first()).toBeVisible();
  // Under correction the locus still links to its Berita Acara, which says it is being corrected.
  await head.goto(`/assessments/${assessmentId}`);
  await head.getByRole("link", { name: "Buka Berita Acara Verifikasi" }).click();
  await expect(head.getByRole("status").filter({ hasText: "Lokus ini sedang dikoreksi." })).toBeVisible();

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

  // The signed code is superseded; the corrected data gets a new Berita Acara, signed again.
  await visitor.reload();
  await expect(visitor.getByTestId("verify-state")).toHaveText("Keadaan: Digantikan");
  const corrected = await exportedLevels(verifier, assessmentId);
  expect(corrected.filter((l, i) => l.verified !== levels[i]!.verified).map((l) => l.code)).toHaveLength(1);
  const newCode = await signOnPage(verifier, assessmentId);
  expect(newCode).not.toBe(code);
  const correctedIndex = await pageIndex(verifier);
  const reissued = await downloadBeritaAcara(verifier);
  expect(reissued.text).toContain(`Kode: ${newCode}`);
  expectEveryLevel(reissued.text, corrected);
  expect(reissued.text).toContain("SK MenPAN-RB 12/2026");
  await visitor.reload();
  await expect(visitor.getByText(`Digantikan oleh Berita Acara ${newCode}.`)).toBeVisible();
  await visitor.goto(`/verify/${newCode}`);
  await expect(visitor.getByTestId("verify-index")).toHaveText(correctedIndex);
  await expect(visitor.getByTestId("verify-correction")).toContainText("dikoreksi pada");

  // The public listing: the corrected index, marked, and version 1 one click away.
  await page.context().clearCookies();
  const after = await indexOf(page, listingUrl);
  expect(after).not.toBe(before);
  expect(await cache()).toBe("hit");
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
