import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateStep, exactText, parseExact, type Step } from "@/lib/domain/explain";
import { classify } from "@/lib/domain/grades";
import { equals, fromFraction } from "@/lib/domain/rational";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import type { ExplainView } from "@/lib/server/explain/explain";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

// Explain my score (issue 18, docs/domain.md §5.13): the page's numbers add up (every step is
// recomputed from its shown operands, and each result is the operand of the next step), they end
// at the stored official result, and the scope of explain.view (and of the public page) holds.

/** Every shown step, checked: recomputed from its operands it gives its shown result; returns how many. */
function recomputeEverything(view: ExplainView): number {
  const steps: Step[] = [];
  const value = (text: string) => exactText(parseExact(text));
  for (const locus of view.loci) {
    for (const aspect of locus.aspects) {
      for (const indicator of aspect.indicators) {
        expect(indicator.contribution.operands.map(value)).toEqual([value(indicator.weightShare), String(indicator.level ?? 0)]);
        steps.push(indicator.contribution);
      }
      expect(aspect.score.operands).toEqual(aspect.indicators.map((i) => i.contribution.result));
      expect(aspect.contribution.operands.map(value)).toEqual([value(aspect.weightShare), value(aspect.score.result)]);
      steps.push(aspect.score, aspect.contribution);
    }
    expect(locus.f02.operands).toEqual(locus.aspects.map((a) => a.contribution.result));
    steps.push(locus.f02);
    const { index, f03 } = locus;
    if (index.total && index.f02Part && index.f03Part && f03.score) {
      expect(value(index.f02Part.operands[1]!)).toBe(value(locus.f02.result));
      expect(value(index.f03Part.operands[1]!)).toBe(value(f03.score.result));
      expect(index.total.operands).toEqual([index.f02Part.result, index.f03Part.result]);
      expect(index.total.result).toBe(index.value);
      steps.push(f03.score, index.f02Part, index.f03Part, index.total);
    } else {
      expect(value(index.value)).toBe(value(locus.f02.result));
    }
    expect(classify(parseExact(index.value)).published).toBe(index.published);
  }
  if (view.institutionIndex) {
    // The mean is of every locus: all of them explained, or (the head's institution) all of them to pick from, each shown locus among them.
    const all = view.choices ? view.choices.map((c) => c.index!.value) : view.loci.map((l) => l.index.value);
    expect(view.institutionIndex.operands.map(value)).toEqual(all.map(value));
    for (const locus of view.loci) {
      const at = view.choices ? view.choices.findIndex((c) => c.id === locus.id) : view.loci.indexOf(locus);
      expect(value(view.institutionIndex.operands[at]!)).toBe(value(locus.index.value));
    }
    steps.push(view.institutionIndex);
  }
  for (const step of steps) expect(exactText(evaluateStep(step))).toBe(exactText(parseExact(step.result)));
  return steps.length;
}

describe("explain my score", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let explain: typeof import("@/lib/server/explain/explain");
  let publishedCycle: string;
  let activeCycle: string;
  const loci: Record<string, string> = {};
  let foreignLocus: string;

  const rows = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const otherEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    explain = await import("@/lib/server/explain/explain");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    publishedCycle = (await rows(`SELECT id FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`))[0].id;
    activeCycle = (await rows(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL LIMIT 1`))[0].id;
    for (const row of await rows(
      `SELECT a.id, a.status FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG'`,
      [activeCycle],
    ))
      loci[row.status] = row.id;
    foreignLocus = (
      await rows(`SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" <> $2 LIMIT 1`, [
        activeCycle,
        evaluator().institutionId,
      ])
    )[0].id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("the head's institution in a published cycle adds up, locus by locus, to the stored locus and institution results", async () => {
    const first = await explain.loadInstitutionExplanation(head(), publishedCycle);
    expect(first).not.toBeNull();
    const choices = first!.choices!;
    expect(choices.length).toBeGreaterThan(1);
    // One locus taken apart per request, by default the first.
    expect(first!.loci.map((l) => l.id)).toEqual([choices[0]!.id]);
    for (const choice of choices) {
      const view = (await explain.loadInstitutionExplanation(head(), publishedCycle, choice.id))!;
      expect(view.loci.map((l) => l.id)).toEqual([choice.id]);
      expect(view.choices).toEqual(choices);
      expect(view.institutionIndex).toEqual(first!.institutionIndex);
      expect(recomputeEverything(view)).toBeGreaterThan(30);
      const locus = view.loci[0]!;
      expect(locus.basis).toBe("VERIFIED");
      expect(locus.index.value).toBe(choice.index!.value);
      const [stored] = await rows(
        `SELECT "indexNumerator"::text AS n, "indexDenominator"::text AS d, grade FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`,
        [locus.id],
      );
      expect(equals(parseExact(locus.index.value), fromFraction(BigInt(stored.n), BigInt(stored.d)))).toBe(true);
      expect(locus.index.grade).toBe(stored.grade);
    }
    const [institution] = await rows(
      `SELECT "indexNumerator"::text AS n, "indexDenominator"::text AS d, "indexPublished"::text AS published FROM "InstitutionResult"
       WHERE "cycleId" = $1 AND "institutionId" = $2 AND kind = 'VERIFIED'`,
      [publishedCycle, head().institutionId],
    );
    expect(equals(parseExact(first!.institutionIndex!.result), fromFraction(BigInt(institution.n), BigInt(institution.d)))).toBe(true);
    expect(first!.institutionIndex!.published).toBe(institution.published);
    // Every locus of the institution, as many as it has in the cycle.
    const [count] = await rows(
      `SELECT count(*)::int AS n FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2`,
      [publishedCycle, head().institutionId],
    );
    expect(choices).toHaveLength(count.n);
  });

  it("the public explanation of that cycle adds up to the same index and shows no self levels, notes or evidence", async () => {
    const own = await explain.loadInstitutionExplanation(head(), publishedCycle);
    const view = await explain.loadPublicExplanation(head().institutionId!, publishedCycle);
    expect(view).not.toBeNull();
    expect(view!.full).toBe(false);
    recomputeEverything(view!);
    expect(view!.institutionIndex!.result).toBe(own!.institutionIndex!.result);
    const indicators = view!.loci.flatMap((l) => l.aspects.flatMap((a) => a.indicators));
    expect(indicators.every((i) => i.selfLevel === null && i.note === null && i.evidence.length === 0)).toBe(true);
    // A signed-in reader of the same locus does get the notes and the evidence that exist.
    const ownIndicators = own!.loci.flatMap((l) => l.aspects.flatMap((a) => a.indicators));
    expect(ownIndicators.some((i) => i.selfLevel !== null)).toBe(true);
  });

  it("the public explanation answers 'not found' for a cycle that is not published", async () => {
    expect(await explain.loadPublicExplanation(head().institutionId!, activeCycle)).toBeNull();
    expect(await explain.loadPublicExplanation("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("a locus is explained to its readers only, from the self levels while the verifier's work is not the unit's to read", async () => {
    const returned = loci.RETURNED!;
    const unit = await explain.loadLocusExplanation(evaluator(), returned);
    expect(unit!.loci[0]!.basis).toBe("SELF");
    recomputeEverything(unit!);
    expect(unit!.loci[0]!.aspects.flatMap((a) => a.indicators).every((i) => i.note === null)).toBe(true);
    const own = await explain.loadLocusExplanation(verifier(), returned);
    expect(own!.loci[0]!.basis).toBe("VERIFIED");
    recomputeEverything(own!);

    expect(await explain.loadLocusExplanation(otherEvaluator(), returned)).toBeNull();
    expect(await explain.loadLocusExplanation(evaluator(), foreignLocus)).toBeNull();
    expect(await explain.loadLocusExplanation(head(), foreignLocus)).toBeNull();
    expect(await explain.loadInstitutionExplanation(verifier())).toBeNull();
    // A cycle whose loci are not all verified has no institution index yet (§5.6), only its loci.
    const running = await explain.loadInstitutionExplanation(head(), activeCycle);
    expect(running!.choices!.length).toBeGreaterThan(1);
    expect(running!.loci).toHaveLength(1);
    expect(running!.institutionIndex).toBeNull();
    // A locus of another institution asked for by id is not shown: the head's own first locus is.
    const asked = await explain.loadInstitutionExplanation(head(), activeCycle, foreignLocus);
    expect(asked!.loci.map((l) => l.id)).toEqual([running!.choices![0]!.id]);
    expect(asked!.choices!.some((c) => c.id === foreignLocus)).toBe(false);
    // Each locus of the running cycle is explained on its own, from the levels its reader may read.
    for (const choice of running!.choices!) {
      const one = (await explain.loadInstitutionExplanation(head(), activeCycle, choice.id))!;
      expect(one.loci[0]!.basis).toBe(choice.index ? "VERIFIED" : "SELF");
      recomputeEverything(one);
    }
    expect(await explain.loadInstitutionExplanation(otherEvaluator(), publishedCycle)).not.toBeNull();
    const foreign = await explain.loadInstitutionExplanation(otherEvaluator(), publishedCycle);
    expect(foreign!.institution.id).toBe(otherEvaluator().institutionId);
  });

  it("a verified locus of the running cycle is explained to its head exactly as stored", async () => {
    const id = loci.VERIFIED!;
    const [stored] = await rows(
      `SELECT "indexNumerator"::text AS n, "indexDenominator"::text AS d FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`,
      [id],
    );
    const view = await explain.loadLocusExplanation(head(), id);
    recomputeEverything(view!);
    expect(equals(parseExact(view!.loci[0]!.index.value), fromFraction(BigInt(stored.n), BigInt(stored.d)))).toBe(true);
  });
});
