import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { downloadBeritaAcara, expectEveryLevel, exportedLevels } from "./sign-off-support";
import { signedInPage } from "./support";

// Issue 15: the seeded VERIFIED Palembang locus (service type BARANG) of the running cycle. The
// verifier signs its Berita Acara with the password again, then the head of Kota Palembang; the
// PDF carries every verified level and the short code; the public page shows the same index.

test("the verifier then the head sign the Berita Acara; the PDF and the public page agree", async ({ browser }) => {
  test.setTimeout(120_000);
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  await verifier.goto("/verification?status=VERIFIED&service=BARANG");
  await verifier.getByTestId("queue-row").filter({ hasText: "Kota Palembang" }).getByRole("link").first().click();
  await verifier.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
  const assessmentId = new URL(verifier.url()).pathname.split("/").pop()!;
  const levels = await exportedLevels(verifier, assessmentId);
  expect(levels.length).toBeGreaterThan(0);
  expect(levels.every((l) => /^[0-9]$/.test(l.verified))).toBe(true);

  // From the locus page to its Berita Acara; nothing signed yet.
  await verifier.getByRole("link", { name: "Buka Berita Acara Verifikasi" }).click();
  await expect(verifier.getByRole("heading", { level: 1, name: "Berita Acara Verifikasi" })).toBeVisible();
  await expect(verifier.getByRole("status").filter({ hasText: "Berikutnya menandatangani: Verifikator" })).toBeVisible();
  const index = (await verifier.getByTestId("berita-acara-index").textContent())!.match(/Indeks: ([0-9.,]+)/)![1]!;

  // A wrong password is refused and nothing is signed.
  const password = verifier.getByLabel("Kata sandi Anda");
  await password.fill("bukan-kata-sandinya");
  await password.press("Enter");
  await expect(verifier.getByRole("alert", { name: "Kata sandi salah. Tanda tangan tidak disimpan." })).toBeVisible();
  await expect(verifier.getByText("Belum ada Berita Acara yang ditandatangani untuk data saat ini.")).toBeVisible();

  // The right password: the verifier's signature, the code, and the head signs next.
  await password.fill("pekppp-demo");
  await verifier.getByRole("button", { name: "Tanda tangani" }).click();
  await expect(verifier.getByTestId("berita-acara-code")).toHaveText(/^Kode: [0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const code = (await verifier.getByTestId("berita-acara-code").textContent())!.replace("Kode: ", "");
  await expect(verifier.getByText("Berikutnya menandatangani: Pimpinan instansi")).toBeVisible();
  await expect(verifier.getByLabel("Kata sandi Anda")).toHaveCount(0);

  // The head of Kota Palembang, from the locus page too.
  const head = await signedInPage(browser, "pimpinan.palembang@pekppp.test");
  await head.goto(`/assessments/${assessmentId}`);
  await head.getByRole("link", { name: "Buka Berita Acara Verifikasi" }).click();
  await head.getByLabel("Kata sandi Anda").fill("pekppp-demo");
  await head.getByRole("button", { name: "Tanda tangani" }).click();
  await expect(head.getByText("Berita acara telah ditandatangani lengkap.")).toBeVisible();
  await expect(head.getByTestId("berita-acara-code")).toHaveText(`Kode: ${code}`);
  const signatures = head.getByRole("listitem");
  await expect(signatures.filter({ hasText: /^Verifikator: / })).toHaveCount(1);
  await expect(signatures.filter({ hasText: /^Pimpinan instansi: H\. Ahmad Fauzi/ })).toHaveCount(1);

  // The PDF: the code and every indicator's verified level (its table row: code, name, self, verified).
  const { file, text } = await downloadBeritaAcara(head);
  expect(text).toContain(`Kode: ${code}`);
  expect(text).toContain(`Indeks: ${index}`);
  expectEveryLevel(text, levels);

  // Anyone, signed out: the public page shows the same index, "Berlaku", and the copy matches.
  const anonymous = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await anonymous.goto(`/verify/${code}`);
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(`Verifikasi Berita Acara ${code}`);
  await expect(anonymous.getByTestId("verify-state")).toHaveText("Keadaan: Berlaku");
  await expect(anonymous.getByTestId("verify-index")).toHaveText(index);
  await anonymous.getByLabel("Berkas PDF berita acara").setInputFiles({ name: "berita-acara.pdf", mimeType: "application/pdf", buffer: file });
  await anonymous.getByRole("button", { name: "Periksa" }).click();
  await expect(anonymous.getByTestId("integrity-outcome")).toHaveText("Cocok: isi salinan ini sama dengan yang ditandatangani.");

  // The admin's recapitulation, from the running cycle's overview: Kota Palembang's row carries the code.
  const admin = await signedInPage(browser, "admin@pekppp.test");
  await admin.goto("/admin/cycles");
  await admin.getByTestId("cycle-row").filter({ hasText: "Berjalan" }).getByRole("link").first().click();
  const csv = admin.getByTestId("berita-acara-recap").getByRole("link", { name: "Rekap Berita Acara per instansi (CSV)" });
  const recap = await admin.request.get((await csv.getAttribute("href"))!);
  expect(recap.ok()).toBe(true);
  const palembang = (parse((await recap.body()).toString("utf8").replace(/^\uFEFF/, "")) as string[][]).find((r) => r[0] === "Kota Palembang");
  expect(palembang?.at(-1)).toContain(code);
});
