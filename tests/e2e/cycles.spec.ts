import { expect, test, type Browser, type Page } from "@playwright/test";
import { wibDate } from "@/lib/domain/cycle";
import { createEvaluatorAsAdmin, DEMO_PASSWORD, replaceTemporaryPassword, signIn } from "./support";

/**
 * Running a cycle from the browser. The cycle made here is next year's, in preparation: it never
 * becomes the running cycle and is never published, so the other specs (which work in the seeded
 * running cycle and read the seeded published ones) do not see it. Its evaluator belongs to
 * Kabupaten Kepahiang, an institution no other spec touches.
 */
const INSTITUTION = "Kabupaten Kepahiang";
const LOCUS = "Kantor Kecamatan (Pelayanan Administrasi Terpadu Kecamatan) Kabupaten Kepahiang";
const DAY = 86_400_000;
/** A calendar day in WIB, the days the portal's stage dates are made of. */
const day = (offset: number) => wibDate(new Date(Date.now() + offset * DAY));

async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ locale: "id-ID" });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** On a cycle's set-up page: sets the self-assessment dates and saves the schedule. */
async function setSelfAssessment(admin: Page, from: string, to: string) {
  await admin.getByLabel("Tanggal mulai Penilaian mandiri").fill(from);
  await admin.getByLabel("Tanggal selesai Penilaian mandiri").fill(to);
  await admin.getByRole("button", { name: "Simpan tanggal tahapan" }).click();
}

test("an admin creates next year's cycle by copying the running one, sets its dates, and the self-assessment dates decide whether an evaluator can edit", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await signedInPage(browser, "admin@pekppp.test");
  const temporary = await createEvaluatorAsAdmin(admin, { email: "evaluator.kepahiang@pekppp.test", name: "Evaluator Kepahiang", institution: INSTITUTION });

  // A copy of the running cycle's set-up, for the next year (the form's defaults).
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
  await expect(admin.getByTestId("status-matrix")).toBeVisible();
  const cycleUrl = new URL(admin.url()).pathname;

  // Its schedule: a wrong one is refused with the problem named, then the self-assessment opens today.
  await admin.getByRole("link", { name: "Pengaturan", exact: true }).click();
  await expect(admin.getByLabel("Tanggal mulai Survei pengguna (F-03)")).toHaveValue(new RegExp(`^${year}-`));
  await setSelfAssessment(admin, day(5), day(1));
  await expect(admin.getByRole("alert").filter({ hasText: "masalah" })).toContainText("Penilaian mandiri: tanggal selesai harus setelah tanggal mulai.");
  await expect(admin.getByLabel("Tanggal selesai Penilaian mandiri")).toHaveAttribute("aria-invalid", "true");
  await setSelfAssessment(admin, day(-1), day(10));
  await expect(admin.getByRole("status").filter({ hasText: "Tanggal tahapan disimpan." })).toBeVisible();

  // The admin finds the institution's locus in the cycle.
  await admin.getByRole("link", { name: "Lokus", exact: true }).click();
  await admin.getByLabel("Cari instansi atau lokus").fill("Kepahiang");
  await admin.getByRole("button", { name: "Tampilkan" }).click();
  await expect(admin.getByTestId("cycle-locus-row")).toHaveCount(3);
  const locusUrl = await admin.getByRole("link", { name: LOCUS }).getAttribute("href");
  expect(locusUrl).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);

  // Inside the dates, the evaluator edits and the answer is saved.
  const evaluator = await signedInPage(browser, "evaluator.kepahiang@pekppp.test", temporary);
  await replaceTemporaryPassword(evaluator, temporary, "KepahiangSandi2026");
  await evaluator.waitForURL(/\/loci$/);
  await evaluator.goto(locusUrl!);
  const level = evaluator.locator('input[name="level-1.a.Ak"][value="3"]');
  await expect(level).toBeEnabled();
  await level.check();
  await expect(evaluator.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 15_000 });

  // The admin closes the self-assessment yesterday: the evaluator can no longer edit.
  await admin.goto(`${cycleUrl}/setup`);
  await setSelfAssessment(admin, day(-10), day(-1));
  await expect(admin.getByRole("status").filter({ hasText: "Tanggal tahapan disimpan." })).toBeVisible();
  await evaluator.reload();
  await expect(evaluator.getByTestId("window-notice")).toContainText("Tahap penilaian mandiri telah ditutup");
  // The levels are shown, no longer offered: the saved one stays.
  await expect(evaluator.locator('input[name="level-1.a.Ak"]')).toHaveCount(0);
  await expect(evaluator.getByRole("group", { name: "Level capaian indikator 1.a.Ak" })).toContainText("Level 3 — ");

  // The overview counts the locus among the overdue ones.
  await admin.goto(cycleUrl);
  await expect(admin.getByTestId("overdue-count")).toContainText("lokus melewati batas penilaian mandiri");
  await expect(admin.getByTestId("schedule-SELF_ASSESSMENT")).toContainText("Selesai");
});

test("an instrument in use is read-only; a copy is edited in the browser, every problem is listed, and a fixed one is saved", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin@pekppp.test");
  await page.goto("/admin/instruments");
  await page.getByTestId("instrument-row").filter({ hasText: "PEKPPP-A" }).getByRole("link").first().click();
  await expect(page.getByTestId("version-state")).toContainText("hanya dapat dibaca");
  await expect(page.getByRole("link", { name: "Ubah versi ini" })).toHaveCount(0);

  // The vulnerable-group instrument, copied under a new label.
  await page.goto("/admin/instruments");
  await page.getByTestId("instrument-row").filter({ hasText: "RKR" }).getByRole("link").first().click();
  await expect(page.getByTestId("instrument-aspect")).toHaveCount(3);
  await page.getByLabel("Label versi baru").fill("2026-uji");
  await page.getByRole("button", { name: "Salin dan ubah" }).click();
  await page.waitForURL(/\/admin\/instruments\/[0-9a-f-]{36}\/edit$/);
  await expect(page.getByTestId("aspect-sum")).toHaveText("Jumlah bobot aspek: 100 dari 100");

  // Two problems at once: aspect weights that no longer sum to 100, and an empty survey item.
  await page.locator("#a0-weight").fill("45");
  await expect(page.getByTestId("aspect-sum")).toHaveText("Jumlah bobot aspek: 105 dari 100");
  await page.locator("#s0-text").fill("");
  await page.getByRole("button", { name: "Simpan versi" }).click();
  const problems = page.getByTestId("instrument-problems");
  await expect(problems.getByRole("listitem")).toHaveCount(2);
  await expect(problems).toContainText("Jumlah bobot aspek adalah 105, seharusnya 100.");
  await expect(problems).toContainText("butir survei R01: teks wajib masih kosong.");

  // Each problem takes the keyboard to its field.
  await problems.getByRole("button", { name: /Jumlah bobot aspek/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#a0-weight")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("40");
  await page.locator("#s0-text").fill("Saya mudah mencapai tempat pelayanan.");
  await page.getByRole("button", { name: "Simpan versi" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Versi disimpan." })).toBeVisible();

  await page.getByRole("link", { name: "← Kembali ke versi ini" }).click();
  await expect(page.getByText("Saya mudah mencapai tempat pelayanan.")).toBeVisible();
  await expect(page.getByTestId("version-state")).toContainText("belum dipakai siklus");
});
