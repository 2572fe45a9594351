import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { DAY, MOMENT } from "@/lib/i18n/formats";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(entry) ? [full] : [];
  });
}

/**
 * One date format for id and en (issue 19): pages and components take their date styles from
 * lib/i18n/formats.ts. Route handlers (app/api: files, PDFs) keep their own: they are not pages.
 */
describe("dates on pages", () => {
  it("are formatted with the shared formats (DAY, MOMENT, SECOND), never an ad-hoc dateStyle", () => {
    const files = [...sources(path.join(ROOT, "app")), ...sources(path.join(ROOT, "components"))].filter((f) => !f.includes(`${path.sep}api${path.sep}`));
    const adHoc = files.filter((f) => /dateStyle\s*:/.test(readFileSync(f, "utf8"))).map((f) => path.relative(ROOT, f));
    expect(adHoc).toEqual([]);
  });

  it("read the same in both languages, in the portal's time zone", () => {
    const moment = new Date("2026-12-07T02:30:00Z"); // 09:30 in Jakarta
    const id = createFormatter({ locale: "id", timeZone: "Asia/Jakarta" });
    const en = createFormatter({ locale: "en", timeZone: "Asia/Jakarta" });
    expect(id.dateTime(moment, DAY)).toBe("7 Desember 2026");
    expect(en.dateTime(moment, DAY)).toBe("December 7, 2026");
    expect(id.dateTime(moment, MOMENT)).toMatch(/^7 Desember 2026 (pukul )?09\.30$/);
    expect(en.dateTime(moment, MOMENT)).toMatch(/^December 7, 2026 at 9:30\sAM$/);
  });
});
