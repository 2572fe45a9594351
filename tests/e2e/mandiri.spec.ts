import { expect, test, type Browser, type Page } from "@playwright/test";
import { approveVerification, day, previewRegistryFile, replaceTemporaryPassword, signedInPage, verifyEveryIndicatorAt, waitForHydration } from "./support";

/**
 * Issue 16's browser journey: the Kemenkes institution admin runs its own PEKPPP Mandiri cycle.
 * It imports five units (dry run, then apply), creates a cycle from the national instrument, an
 * evaluator and a verifier of its own, assigns the verifier, sets the stage dates and starts the
 * cycle; the evaluator fills one unit and submits, the internal verifier approves, the admin makes
 * it final, closes and publishes. Meanwhile the national cycle keeps working for Kemenkes's
 * evaluator, and the national admin sees the Mandiri summary.
 *
 * Its data is its own: new units (names "… Uji Mandiri"), new accounts, a new cycle; the demo's
 * running Mandiri cycle of Kemenkes is finalised by the e2e fixtures (MANDIRI_FIXTURE) so this one
 * can start. Stage dates are set through the set-up page; every stage is a whole day, so the
 * schedule moves three times: filling and verifying open, then finalisation open, then publication.
 */
const INSTITUTION = "Kementerian Kesehatan";
const UNITS = ["Balai Besar Uji Mandiri", "RS Uji Mandiri Satu", "RS Uji Mandiri Dua", "Balai Uji Mandiri Tiga", "Puskesmas Uji Mandiri"];
const UNIT = UNITS[1]!;
const CYCLE = "PEKPPP Mandiri Kemenkes Uji";
const EVALUATOR = { email: "evaluator.mandiri.uji@pekppp.test", name: "Evaluator Mandiri Uji" };
const VERIFIER = { email: "verifikator.mandiri.uji@pekppp.test", name: "Verifikator Internal Uji" };
const unitsFile = [
  "kode_instansi,nama_instansi,jenis_instansi,provinsi,nama_lokus,jenis_layanan,induk_unit,jenis_unit",
  `KL-KEMENKES,${INSTITUTION},KL,,${UNITS[0]},ADMINISTRATIF,,UPT`,
  ...UNITS.slice(1).map(
    (name) => `KL-KEMENKES,${INSTITUTION},KL,,${name},JASA,${UNITS[0]},${name.startsWith("RS") ? "RSUD" : name.startsWith("Puskesmas") ? "PUSKESMAS" : "UPT"}`,
  ),
].join("\r\n");

type Stage = "SELF_ASSESSMENT" | "SURVEY" | "VERIFICATION" | "APPEAL" | "FINALISATION" | "PUBLICATION" | "FOLLOW_UP";
const STAGE_LABEL: Record<Stage, string> = {
  SELF_ASSESSMENT: "Penilaian mandiri",
  SURVEY: "Survei pengguna (F-03)",
  VERIFICATION: "Verifikasi",
  APPEAL: "Sanggah",
  FINALISATION: "Penetapan hasil",
  PUBLICATION: "Publikasi",
  FOLLOW_UP: "Tindak lanjut",
};

/** On the set-up page: every stage's days (offsets from today), saved. */
async function setStages(admin: Page, cycleUrl: string, days: Record<Stage, [number, number]>) {
  await admin.goto(`${cycleUrl}/setup`);
  await waitForHydration(admin.getByLabel(`Tanggal mulai ${STAGE_LABEL.SELF_ASSESSMENT}`));
  for (const [stage, [from, to]] of Object.entries(days) as [Stage, [number, number]][]) {
    await admin.getByLabel(`Tanggal mulai ${STAGE_LABEL[stage]}`).fill(day(from));
    await admin.getByLabel(`Tanggal selesai ${STAGE_LABEL[stage]}`).fill(day(to));
  }
  await admin.getByRole("button", { name: "Simpan tanggal tahapan" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Tanggal tahapan disimpan." })).toBeVisible();
}

/** On the cycle's overview: a status action, confirmed; `check` is what the header shows after it. */
async function cycleAction(admin: Page, cycleUrl: string, label: string, check: { testId: string; text: string | RegExp }) {
  await admin.goto(cycleUrl);
  await admin.getByRole("button", { name: label }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: label }).click();
  await expect(admin.getByTestId(check.testId)).toHaveText(check.text, { timeout: 15_000 });
}

/** The institution admin creates one of its team's accounts; returns the temporary password. */
async function createTeamAccount(admin: Page, account: { email: string; name: string }, role: "EVALUATOR" | "VERIFIER") {
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Surel").fill(account.email);
  await admin.getByLabel("Nama").fill(account.name);
  await admin.getByLabel("Peran").selectOption(role);
  await admin.getByLabel("Instansi").selectOption({ label: INSTITUTION });
  await admin.getByRole("button", { name: "Buat akun" }).click();
  return (await admin.getByTestId("temporary-password").textContent())!.trim();
}

async function firstSignIn(browser: Browser, email: string, temporary: string, chosen: string) {
  const page = await signedInPage(browser, email, temporary);
  await replaceTemporaryPassword(page, temporary, chosen);
  await page.waitForURL((url) => !url.pathname.startsWith("/account"));
  return page;
}

test("a Kemenkes institution admin runs its own Mandiri cycle beside the national cycle", async ({ browser }) => {
  test.setTimeout(420_000);
  const admin = await signedInPage(browser, "admin.kemenkes@pekppp.test");

  // 1. Five units of its own, parent and kind in the file: a dry run, then applied.
  await admin.goto("/admin/institutions/import");
  await previewRegistryFile(admin, unitsFile, "unit-mandiri.csv");
  await expect(admin.getByTestId("import-ready")).toBeVisible();
  await admin.getByRole("button", { name: "Terapkan impor" }).click();
  await expect(admin.getByTestId("import-applied")).toHaveText("Impor diterapkan: 0 instansi baru, 0 instansi diubah, 5 lokus baru, 0 lokus diubah.");

  // 2. A Mandiri cycle on the national instrument (it takes every active unit of Kemenkes).
  await admin.goto("/admin/cycles/new");
  await admin.getByLabel("Versi instrumen dengan pengaturan baru").check();
  await admin.getByLabel("Tahun", { exact: true }).fill(String(new Date().getFullYear()));
  await admin.getByLabel("Nama siklus").fill(CYCLE);
  await admin.getByLabel("Program", { exact: true }).selectOption("MANDIRI");
  const instrument = admin.getByLabel("Versi instrumen", { exact: true });
  await instrument.selectOption((await instrument.locator("option", { hasText: "PEKPPP-A" }).first().getAttribute("value"))!);
  await admin.getByLabel("Minimum responden F-03").fill("0");
  await admin.getByLabel("Setiap level di atas 0 wajib disertai bukti dukung").uncheck();
  await admin.getByRole("button", { name: "Buat siklus" }).click();
  await admin.waitForURL(/\/admin\/cycles\/[0-9a-f-]{36}$/);
  const cycleUrl = new URL(admin.url()).pathname;
  const cycleId = cycleUrl.split("/").pop()!;
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(CYCLE);

  // 3. Its internal team, and the verifier assigned to Kemenkes in this cycle.
  const evaluatorPassword = await createTeamAccount(admin, EVALUATOR, "EVALUATOR");
  const verifierPassword = await createTeamAccount(admin, VERIFIER, "VERIFIER");
  await admin.goto(`/admin/assignments?cycle=${cycleId}`);
  const row = admin.getByTestId("assignment-row");
  await expect(row).toHaveCount(1);
  await row.getByLabel(`Verifikator untuk ${INSTITUTION}`).selectOption({ label: VERIFIER.name });
  await row.getByRole("button", { name: "Tambahkan" }).click();
  await expect(row.getByTestId("institution-verifiers")).toContainText(VERIFIER.name);

  // 4. Filling and verification open today; the cycle starts beside the running national cycle.
  await setStages(admin, cycleUrl, {
    SELF_ASSESSMENT: [-1, 5],
    SURVEY: [-1, 5],
    VERIFICATION: [-1, 6],
    APPEAL: [-1, 7],
    FINALISATION: [8, 9],
    PUBLICATION: [10, 11],
    FOLLOW_UP: [12, 40],
  });
  await cycleAction(admin, cycleUrl, "Mulai siklus", { testId: "cycle-status", text: "Berjalan" });

  // 5. The evaluator fills one unit and submits.
  const evaluator = await firstSignIn(browser, EVALUATOR.email, evaluatorPassword, "MandiriEvaluator2026");
  await evaluator.goto(`/loci?cycle=${cycleId}`);
  const unitUrl = (await evaluator.getByTestId("locus-card").filter({ hasText: UNIT }).getByRole("link").first().getAttribute("href"))!;
  await evaluator.goto(unitUrl);
  const radios = evaluator.locator('input[type="radio"][value="4"][name^="level-"]');
  const count = await radios.count();
  expect(count).toBe(31);
  // Every indicator at level 4, each with its explanation (submission needs both).
  const explanations = evaluator.locator('textarea[id^="justification-"]');
  for (let i = 0; i < count; i += 1) {
    await radios.nth(i).check();
    await explanations.nth(i).fill("Bukti penetapan dan pelaksanaan tersedia di unit.");
  }
  await expect(evaluator.getByTestId("save-status")).toContainText("Semua perubahan tersimpan", { timeout: 15_000 });
  await evaluator.getByRole("button", { name: "Ajukan penilaian mandiri" }).click();
  await evaluator.getByRole("alertdialog").getByRole("button", { name: "Ajukan penilaian mandiri" }).click();
  await expect(evaluator.getByTestId("locked-notice")).toBeVisible({ timeout: 15_000 });

  // 6. The internal verifier approves it.
  const verifier = await firstSignIn(browser, VERIFIER.email, verifierPassword, "MandiriVerifier2026");
  await verifier.goto(`${unitUrl}/review`);
  await verifier.getByRole("button", { name: "Mulai verifikasi" }).click();
  await expect(verifier.getByRole("main").getByText("Dalam Verifikasi", { exact: true })).toBeVisible();
  await verifyEveryIndicatorAt(verifier, 4);
  await approveVerification(verifier, unitUrl);

  // 7. The admin makes it final, closes the cycle and publishes its internal results.
  await setStages(admin, cycleUrl, {
    SELF_ASSESSMENT: [-10, -9],
    SURVEY: [-10, -9],
    VERIFICATION: [-10, -2],
    APPEAL: [-10, -1],
    FINALISATION: [0, 5],
    PUBLICATION: [6, 7],
    FOLLOW_UP: [8, 40],
  });
  await admin.goto(cycleUrl);
  await admin.getByRole("button", { name: "Tetapkan final (1 terverifikasi)" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Tetapkan final (1 terverifikasi)" }).click();
  await expect(admin.getByText("1 lokus ditetapkan final.")).toBeVisible();
  await setStages(admin, cycleUrl, {
    SELF_ASSESSMENT: [-10, -9],
    SURVEY: [-10, -9],
    VERIFICATION: [-10, -8],
    APPEAL: [-10, -7],
    FINALISATION: [-6, -1],
    PUBLICATION: [0, 5],
    FOLLOW_UP: [0, 40],
  });
  await cycleAction(admin, cycleUrl, "Tutup dan tetapkan siklus", { testId: "cycle-status", text: "Ditetapkan" });
  await cycleAction(admin, cycleUrl, "Publikasikan hasil", { testId: "cycle-published", text: /\d/ });
  await admin.goto(`${cycleUrl}/results`);
  await expect(admin.getByTestId("preview-banner")).toBeVisible();

  // 8. Meanwhile the national cycle keeps working for Kemenkes's evaluator: its national loci are there.
  const national = await signedInPage(browser, "evaluator.kemenkes@pekppp.test");
  await national.goto("/loci");
  await expect(national.getByTestId("locus-card").first()).toBeVisible();
  await expect(national.getByTestId("locus-card").filter({ hasText: UNIT })).toHaveCount(0);

  // 9. The national admin reads the Mandiri cycle's summary, read-only.
  const ministry = await signedInPage(browser, "admin@pekppp.test");
  await ministry.goto("/admin/cycles");
  const summary = ministry.getByTestId("owned-cycle-row").filter({ hasText: CYCLE });
  await expect(summary).toHaveCount(1);
});
