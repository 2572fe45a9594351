import type { z } from "zod";
import { itemSelector, type InstrumentProblem } from "./problems";

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "teks",
  number: "angka",
  array: "daftar (array)",
  object: "objek",
};

/** Renders a zod path with item codes taken from the raw input: aspects[II].indicators[#3].weight. */
export function describePath(input: unknown, path: readonly PropertyKey[]): { path: string; value: unknown } {
  let text = "";
  let current: unknown = input;
  for (const segment of path) {
    if (typeof segment === "number") {
      const element = Array.isArray(current) ? current[segment] : undefined;
      text += itemSelector(element, segment);
      current = element;
    } else {
      const key = String(segment);
      text += text === "" ? key : `.${key}`;
      current = typeof current === "object" && current !== null && Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return { path: text, value: current };
}

/** Translates zod's shape issues into instrument problems (Bahasa Indonesia messages). */
export function shapeProblems(input: unknown, issues: readonly z.core.$ZodIssue[]): InstrumentProblem[] {
  return issues.map((issue) => {
    const { path, value } = describePath(input, issue.path);
    const where = path === "" ? "Berkas instrumen" : `Isian ${path}`;
    if (issue.code === "invalid_type") {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) {
        return { code: "MISSING_FIELD", path, message: `${where} wajib ada dan harus berupa ${expected}.` };
      }
      return { code: "INVALID_TYPE", path, message: `${where} harus berupa ${expected}.` };
    }
    return { code: "INVALID_TYPE", path, message: `${where} tidak valid: ${issue.message}` };
  });
}
