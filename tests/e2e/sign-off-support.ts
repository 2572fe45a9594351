import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { extractText, getDocumentProxy } from "unpdf";
import { DEMO_PASSWORD } from "./support";

// Shared by the Berita Acara journeys (berita-acara.spec.ts, correction.spec.ts).

/** A locus's verified levels as its own export states them (CSV), by indicator code. */
export async function exportedLevels(page: Page, assessmentId: string) {
  const response = await page.request.get(`/api/assessments/${assessmentId}/export?format=csv`);
  expect(response.ok()).toBe(true);
  const rows = parse((await response.body()).toString("utf8").replace(/^\uFEFF/, ""), { columns: false, relax_column_count: true }) as string[][];
  const [header, ...data] = rows;
  const column = (name: string) => header!.indexOf(name);
  const [code, indicator, self, verified] = [column("Kode"), column("Indikator"), column("Level mandiri"), column("Level terverifikasi")];
  expect([code, indicator, self, verified].every((i) => i >= 0)).toBe(true);
  return data.filter((r) => r[code]).map((r) => ({ code: r[code]!, name: r[indicator]!, self: r[self] || "—", verified: r[verified]! }));
}

export const squeeze = (text: string) => text.replace(/\s+/g, "");

/** Downloads the Berita Acara PDF from its page: the bytes and the text (through unpdf). */
export async function downloadBeritaAcara(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Unduh Berita Acara (PDF)" }).click()]);
  const file = await readFile((await download.path())!);
  expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(file)), { mergePages: true });
  return { file, text };
}

/** The PDF's indicator table holds every level's row: code, name, self level, verified level. */
export function expectEveryLevel(text: string, levels: Awaited<ReturnType<typeof exportedLevels>>) {
  const flat = squeeze(text);
  for (const level of levels) expect(flat, `row ${level.code}`).toContain(squeeze(`${level.code} ${level.name} ${level.self} ${level.verified}`));
}

/** On the Berita Acara page of a locus: signs with the demo password; returns the code shown. */
export async function signOnPage(page: Page, assessmentId: string) {
  await page.goto(`/assessments/${assessmentId}/berita-acara`);
  await page.getByLabel("Kata sandi Anda").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Tanda tangani" }).click();
  await expect(page.getByLabel("Kata sandi Anda")).toHaveCount(0);
  await expect(page.getByTestId("berita-acara-code")).toHaveText(/^Kode: [0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return (await page.getByTestId("berita-acara-code").textContent())!.replace("Kode: ", "");
}
