import { expect, test, type Page } from "@playwright/test";
import { day, replaceTemporaryPassword, signedInPage, waitForHydration } from "./support";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

async function fileAppeal(evaluator: Page, code: string, argument: string, withFile: boolean) {
  const form = evaluator.getByTestId("file-appeal-form");
  await form.getByLabel("Indikator").selectOption(code);
  await form.getByLabel("Argumen sanggah").fill(argument);
  if (withFile) await form.getByLabel("Bukti dukung (opsional)").setInputFiles({ name: "sk-sop.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("button", { name: "Ajukan sanggah" }).click();
  await expect(evaluator.getByTestId(`appeal-${code}`).getByTestId("appeal-status")).toHaveText("Diajukan", { timeout: 15_000 });
}

/**
 * Issue 15, the appeal (sanggah) journey on the demo data: Kota Palembang's verified locus is
 * appealed on two indicators with evidence; the admin cannot give the first to the verifier who
 * scored it, gives it to another verifier, who accepts it with a higher level, and the head's
 * index changes; finalisation is refused while the second appeal is still open.
 */
test("appeal: filed with evidence, refused for the scorer, accepted by a different verifier, index recomputed, finalisation waits", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await signedInPage(browser, "admin@pekppp.test");
  // A second verifier with an account of its own.
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Surel").fill("verifikator.sanggah@pekppp.test");
  await admin.getByLabel("Nama").fill("Rina Peninjau Sanggah");
  await admin.getByLabel("Peran").selectOption("VERIFIER");
  await admin.getByRole("button", { name: "Buat akun" }).click();
  const temporary = (await admin.getByTestId("temporary-password").textContent())!.trim();
  const reviewer = await signedInPage(browser, "verifikator.sanggah@pekppp.test", temporary);
  await replaceTemporaryPassword(reviewer, temporary, "peninjau-sanggah-2026");
  await reviewer.waitForURL((url) => !url.pathname.endsWith("/password"));

  // The head's index of the verified locus, before.
  const evaluator = await signedInPage(browser, "evaluator.palembang@pekppp.test");
  await evaluator.goto("/loci");
  const url = (await evaluator.getByTestId("locus-card").filter({ hasText: "Terverifikasi" }).first().getByRole("link").first().getAttribute("href"))!;
  await evaluator.goto(url);
  const locusName = (await evaluator.getByRole("heading", { level: 1 }).textContent())!.trim();
  const head = await signedInPage(browser, "pimpinan.palembang@pekppp.test");
  await head.goto("/dashboard");
  const headLocus = head.getByTestId("current-cycle").getByTestId("locus-result").filter({ hasText: locusName });
  const indexBefore = (await headLocus.getByTestId("locus-index").textContent())!.trim();

  // The evaluator files two appeals, the first with an evidence file.
  await expect(evaluator.getByRole("heading", { name: "Sanggah" })).toBeVisible();
  const firstCode = await evaluator.getByTestId("file-appeal-form").getByLabel("Indikator").locator("option").first().getAttribute("value");
  const secondCode = await evaluator.getByTestId("file-appeal-form").getByLabel("Indikator").locator("option").nth(1).getAttribute("value");
  await fileAppeal(evaluator, firstCode!, "SK penetapan SOP telah terbit sebelum verifikasi; terlampir.", true);
  await expect(evaluator.getByTestId(`appeal-${firstCode}`).getByRole("link", { name: "sk-sop.png" })).toBeVisible();
  await fileAppeal(evaluator, secondCode!, "Bukti survei sudah diunggah pada tahap penilaian mandiri.", false);

  // The admin: the verifier who scored it is refused unless chosen explicitly; another one is assigned.
  await admin.goto("/admin/cycles");
  await admin
    .getByRole("main")
    .getByRole("link", { name: /^PEKPPP \d{4}$/ })
    .first()
    .click();
  await admin.getByRole("link", { name: "Sanggah" }).click();
  const assign = admin.getByTestId(`appeal-${firstCode}`);
  const scorer = assign.getByLabel("Peninjau").locator("option", { hasText: "(verifikator@pekppp.test)" });
  await assign.getByLabel("Peninjau").selectOption((await scorer.getAttribute("value"))!);
  await assign.getByRole("button", { name: "Tunjuk peninjau" }).click();
  await expect(assign.getByRole("alert")).toContainText("adalah verifikator yang memberi nilai indikator ini");
  const rina = assign.getByLabel("Peninjau").locator("option", { hasText: "Rina Peninjau Sanggah" });
  await assign.getByLabel("Peninjau").selectOption((await rina.getAttribute("value"))!);
  await assign.getByRole("button", { name: "Tunjuk peninjau" }).click();
  await expect(admin.getByTestId(`appeal-${firstCode}`).getByTestId("appeal-status")).toHaveText("Sedang ditinjau", { timeout: 15_000 });

  // The reviewer accepts with level 5 and a note.
  await reviewer.goto("/appeals");
  const card = reviewer.getByTestId(`appeal-${firstCode}`);
  await expect(card.getByRole("link", { name: "sk-sop.png" })).toBeVisible();
  await card.getByLabel("Keputusan").selectOption("ACCEPT");
  await card.getByLabel("Level baru").selectOption("5");
  await card.getByLabel("Catatan").fill("SK SOP sah dan berlaku sejak Maret.");
  await card.getByRole("button", { name: "Terima dan ubah level" }).click();
  await expect(reviewer.getByTestId(`appeal-${firstCode}`).getByTestId("appeal-status")).toHaveText("Diterima", { timeout: 15_000 });

  // The unit sees the decision; the head's index is recomputed.
  await evaluator.reload();
  await expect(evaluator.getByTestId(`appeal-${firstCode}`).getByTestId("appeal-status")).toHaveText("Diterima");
  await expect(evaluator.getByTestId(`appeal-${firstCode}`).getByTestId("appeal-decision")).toContainText("SK SOP sah");
  await head.reload();
  await expect(headLocus.getByTestId("locus-index")).not.toHaveText(indexBefore);

  // Finalisation is refused while the second appeal is open: the admin moves every earlier stage into the past first.
  await admin.goto("/admin/cycles");
  await admin
    .getByRole("main")
    .getByRole("link", { name: /^PEKPPP \d{4}$/ })
    .first()
    .click();
  await admin.waitForURL(/\/admin\/cycles\/[0-9a-f-]{36}$/);
  const cycleUrl = admin.url();
  await admin.goto(`${cycleUrl}/setup`);
  await waitForHydration(admin.getByLabel("Tanggal mulai Penilaian mandiri", { exact: true }));
  const fields = [
    "Tanggal selesai Penilaian mandiri",
    "Tanggal selesai Survei pengguna (F-03)",
    "Tanggal selesai Verifikasi",
    "Tanggal selesai Sanggah",
    "Tanggal mulai Penetapan hasil",
  ];
  const original = await Promise.all(fields.map((label) => admin.getByLabel(label, { exact: true }).inputValue()));
  const moved = [day(-3), day(-3), day(-2), day(-1), day(0)];
  for (const [i, label] of fields.entries()) await admin.getByLabel(label, { exact: true }).fill(moved[i]!);
  await admin.getByRole("button", { name: "Simpan tanggal tahapan" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Tanggal tahapan disimpan." })).toBeVisible({ timeout: 15_000 });
  await admin.goto(cycleUrl);
  // Finalising cannot succeed while an appeal is open: the button is disabled and says why (issue 19).
  const finalise = admin.getByRole("button", { name: /Tetapkan final/ });
  await expect(finalise).toBeDisabled();
  await expect(finalise).toHaveAccessibleDescription(/masih ada 1 sanggah yang belum diputus/);

  // The schedule goes back, and the second appeal is rejected, so the other journeys find the cycle as it was.
  await admin.goto(`${cycleUrl}/setup`);
  await waitForHydration(admin.getByLabel("Tanggal mulai Penilaian mandiri", { exact: true }));
  for (const [i, label] of [...fields.entries()].reverse()) await admin.getByLabel(label, { exact: true }).fill(original[i]!);
  await admin.getByRole("button", { name: "Simpan tanggal tahapan" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Tanggal tahapan disimpan." })).toBeVisible({ timeout: 15_000 });
  await admin.goto(`${cycleUrl}/appeals`);
  const second = admin.getByTestId(`appeal-${secondCode}`);
  await second
    .getByLabel("Peninjau")
    .selectOption((await second.getByLabel("Peninjau").locator("option", { hasText: "Rina Peninjau Sanggah" }).getAttribute("value"))!);
  await second.getByRole("button", { name: "Tunjuk peninjau" }).click();
  await expect(admin.getByTestId(`appeal-${secondCode}`).getByTestId("appeal-status")).toHaveText("Sedang ditinjau", { timeout: 15_000 });
  await reviewer.goto("/appeals");
  const rejecting = reviewer.getByTestId(`appeal-${secondCode}`);
  await rejecting.getByLabel("Keputusan").selectOption("REJECT");
  await rejecting.getByLabel("Alasan penolakan").fill("Bukti survei tidak memuat jumlah responden.");
  await rejecting.getByRole("button", { name: "Tolak" }).click();
  await expect(reviewer.getByTestId(`appeal-${secondCode}`).getByTestId("appeal-status")).toHaveText("Ditolak", { timeout: 15_000 });
});
