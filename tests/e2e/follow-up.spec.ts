import { expect, test, type Browser } from "@playwright/test";
import { createEvaluatorAsAdmin, DEMO_PASSWORD, replaceTemporaryPassword, signIn } from "./support";

/**
 * Follow-up of recommendations. The journey works on Provinsi Sumatera Selatan (always in the demo
 * seed, verified by the demo verifier, touched by no other spec) through an evaluator the admin
 * creates for it, so the demo accounts and the other specs' loci stay as they are.
 */

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const page = await (await browser.newContext({ locale: "id-ID" })).newPage();
  await signIn(page, email, password);
  return page;
}

test("a recommendation is followed up with evidence, accepted by the verifier, and shown beside the next cycle's self-assessment", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await signedInPage(browser, "admin@pekppp.test");
  const temporary = await createEvaluatorAsAdmin(admin, {
    email: "evaluator.sumsel@pekppp.test",
    name: "Evaluator Sumsel",
    institution: "Provinsi Sumatera Selatan",
  });
  const evaluator = await signedInPage(browser, "evaluator.sumsel@pekppp.test", temporary);
  await replaceTemporaryPassword(evaluator, temporary, "SumselSandi2026");
  await evaluator.waitForURL(/\/loci$/);

  // The evaluator's list of last cycle's recommendations; it opens one that is not completed.
  await evaluator.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Tindak Lanjut", exact: true }).click();
  await evaluator.getByLabel("Tampilkan").selectOption("open");
  await evaluator.getByRole("button", { name: "Terapkan" }).click();
  await evaluator.waitForURL(/show=open/);
  const row = evaluator.getByTestId("follow-up-row").first();
  await expect(row).toContainText("Provinsi Sumatera Selatan");
  const recommendationId = (await row.getAttribute("data-id"))!;
  await row.getByRole("link").click();
  await evaluator.waitForURL(`**/follow-up/recommendations/${recommendationId}`);
  const indicatorCode = (await evaluator.getByTestId("recommendation-detail").getByRole("heading", { level: 2 }).locator("span").textContent())!.trim();

  // It reports the action as done, with a photo as evidence.
  const form = evaluator.getByTestId("follow-up-new-form");
  await form.getByLabel("Uraian tindak lanjut").fill("Standar pelayanan ditetapkan dengan SK Gubernur dan dipublikasikan.");
  await form.getByLabel("Tanggal").fill(new Date().toISOString().slice(0, 10));
  await form.getByRole("radio", { name: "Selesai" }).check();
  await form.getByRole("button", { name: "Tambah tindak lanjut" }).click();
  const action = evaluator.getByTestId("follow-up-action").filter({ hasText: "Standar pelayanan ditetapkan dengan SK Gubernur" });
  await expect(action).toBeVisible();
  await expect(action.getByTestId("action-review")).toHaveText("Menunggu tinjauan");
  await action.getByLabel("Unggah berkas bukti dukung").setInputFiles({ name: "sk-gubernur.png", mimeType: "image/png", buffer: PNG });
  await expect(action.getByTestId("evidence-item")).toContainText("sk-gubernur.png");

  // Another institution's evaluator cannot open it.
  const foreign = await signedInPage(browser, "evaluator.kemenkes@pekppp.test");
  await foreign.goto(`/follow-up/recommendations/${recommendationId}`);
  await expect(foreign.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();

  // The verifier finds it among those waiting for a decision, sees the evidence, and accepts it.
  const verifier = await signedInPage(browser, "verifikator@pekppp.test");
  await verifier.goto("/follow-up/review");
  await verifier.locator(`[data-testid="follow-up-row"][data-id="${recommendationId}"]`).getByRole("link").click();
  const reviewed = verifier.getByTestId("follow-up-action").filter({ hasText: "Standar pelayanan ditetapkan dengan SK Gubernur" });
  await expect(reviewed.getByTestId("evidence-item")).toContainText("sk-gubernur.png");
  await reviewed.getByRole("button", { name: "Terima" }).click();
  await expect(reviewed.getByTestId("action-review")).toHaveText("Diterima");
  await expect(verifier.getByTestId("recommendation-detail").getByTestId("follow-up-progress")).toHaveAttribute("data-progress", "COMPLETED");

  // In the running cycle, the same locus's indicator shows last cycle's recommendation as completed,
  // to the evaluator beside its self-assessment and to the verifier.
  await evaluator.reload();
  await expect(evaluator.getByText("Rekomendasi ini sudah selesai.")).toBeVisible();
  await evaluator.getByRole("link", { name: /Buka penilaian mandiri lokus ini pada/ }).click();
  await evaluator.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
  const workspaceUrl = evaluator.url();
  for (const page of [evaluator, verifier]) {
    if (page === verifier) await page.goto(workspaceUrl);
    const card = page.locator(`[data-testid="indicator-card"][data-code="${indicatorCode}"]`);
    const previous = card.getByTestId("previous-recommendation").locator(`[data-id="${recommendationId}"]`);
    await expect(previous.getByTestId("follow-up-progress")).toHaveAttribute("data-progress", "COMPLETED");
    await expect(previous.getByTestId("previous-latest-action")).toContainText("Standar pelayanan ditetapkan dengan SK Gubernur");
  }
});

test("the admin monitors completion per aspect and province, and exports the open recommendations", async ({ browser }) => {
  // Three roles sign in, and the export is built twice: over 30 s on a busy two-core machine.
  test.setTimeout(90_000);
  const admin = await signedInPage(browser, "admin@pekppp.test");
  await admin.goto("/follow-up/monitoring");
  await expect(admin.getByRole("heading", { level: 1, name: "Pemantauan tindak lanjut" })).toBeVisible();
  await expect(admin.getByTestId("completion-summary")).toContainText("%");
  // Aspects in instrument order (those with recommendations in this cycle).
  await expect(admin.getByTestId("completion-by-aspect").getByTestId("completion-row").first()).toContainText("I. Kebijakan Pelayanan");
  await expect(admin.getByTestId("completion-by-province").getByRole("rowheader", { name: "Sumatera Selatan" })).toBeVisible();

  const csv = await admin.request.get(`/api/follow-up/open-recommendations?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = (await csv.body()).toString("utf8").replace(/^\uFEFF/, "");
  expect(text.split("\r\n")[0]).toContain("Instansi");
  expect(text.split("\r\n").length).toBeGreaterThan(2);
  const xlsx = await admin.request.get(`/api/follow-up/open-recommendations?format=xlsx`);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");

  // A head sees its own institution only; an evaluator may not export.
  const head = await signedInPage(browser, "pimpinan.palembang@pekppp.test");
  await head.goto("/follow-up/monitoring");
  await expect(head.getByTestId("completion-by-institution").getByTestId("completion-row")).toHaveCount(1);
  const evaluator = await signedInPage(browser, "evaluator.palembang@pekppp.test");
  expect((await evaluator.request.get(`/api/follow-up/open-recommendations?format=csv`)).status()).toBe(404);
});
