import "server-only";
import { randomUUID } from "node:crypto";
import { nameKey, type RegistryPlan } from "@/lib/domain/registry";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditEntry } from "../audit/record";

/**
 * Writes an import plan inside the caller's transaction. New institutions and loci go in with one
 * INSERT … SELECT FROM unnest(…) each (a national file is ≈ 2,000 rows; row-by-row inserts through
 * the ORM took seconds), updates one by one (an import usually updates few). Parent units are set
 * once every unit exists (a parent may come later in the file). Returns the audit rows of every
 * change, in plan order. `nationalLocus`: whether new loci are the ministry's national loci (the
 * national admin's import) or an institution's own units (its admin's).
 */
export async function writeRegistryPlan(
  tx: Prisma.TransactionClient,
  plan: RegistryPlan,
  provinceIdOf: ReadonlyMap<string, string>,
  options: { nationalLocus: boolean } = { nationalLocus: true },
): Promise<AuditEntry[]> {
  const audit: AuditEntry[] = [];
  const institutionIds = new Map<string, string>();
  const fresh: { id: string; code: string; name: string; shortName: string | null; type: string; provinceId: string | null }[] = [];
  for (const p of plan.institutions) {
    const id = p.id ?? randomUUID();
    institutionIds.set(p.values.code, id);
    const data = {
      code: p.values.code,
      name: p.values.name,
      shortName: p.values.shortName,
      type: p.values.type,
      provinceId: p.values.provinceCode ? provinceIdOf.get(p.values.provinceCode)! : null,
    };
    if (p.action === "create") {
      fresh.push({ id, ...data });
      audit.push({ action: "institution.create", entityType: "Institution", entityId: id, after: p.values });
    } else if (p.action === "update") {
      await tx.institution.update({ where: { id }, data });
      audit.push({
        action: "institution.update",
        entityType: "Institution",
        entityId: id,
        before: changedFields(p, "before"),
        after: changedFields(p, "after"),
      });
    }
  }
  if (fresh.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "Institution" (id, code, name, "shortName", type, "provinceId", "updatedAt")
      SELECT id, code, name, short, type::"InstitutionType", province, now()
      FROM unnest(${fresh.map((i) => i.id)}::uuid[], ${fresh.map((i) => i.code)}::text[], ${fresh.map((i) => i.name)}::text[],
                  ${fresh.map((i) => i.shortName)}::text[], ${fresh.map((i) => i.type)}::text[], ${fresh.map((i) => i.provinceId)}::uuid[])
        AS x(id, code, name, short, type, province)`;
  }

  const freshLoci: { id: string; institutionId: string; name: string; serviceType: string; unitKind: string; address: string | null; isActive: boolean }[] = [];
  // Parents to set afterwards: the unit's id, its institution and its parent's name.
  const parents: { id: string; institutionId: string; parentName: string | null }[] = [];
  for (const p of plan.loci) {
    const institutionId = institutionIds.get(p.institutionCode)!;
    const { parentName, ...values } = p.values;
    if (p.action === "create") {
      const id = randomUUID();
      freshLoci.push({ id, institutionId, ...values });
      if (parentName !== null) parents.push({ id, institutionId, parentName });
      audit.push({ action: "locus.create", entityType: "Locus", entityId: id, after: { institutionId, ...p.values, nationalLocus: options.nationalLocus } });
    } else if (p.action === "update") {
      await tx.locus.update({ where: { id: p.id }, data: values });
      if (p.changes.some((c) => c.field === "parentName")) parents.push({ id: p.id!, institutionId, parentName });
      audit.push({ action: "locus.update", entityType: "Locus", entityId: p.id!, before: changedFields(p, "before"), after: changedFields(p, "after") });
    }
  }
  if (freshLoci.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "Locus" (id, "institutionId", name, "serviceType", "unitKind", address, "isActive", "nationalLocus", "updatedAt")
      SELECT id, institution, name, service::"ServiceType", kind::"UnitKind", address, active, ${options.nationalLocus}, now()
      FROM unnest(${freshLoci.map((l) => l.id)}::uuid[], ${freshLoci.map((l) => l.institutionId)}::uuid[], ${freshLoci.map((l) => l.name)}::text[],
                  ${freshLoci.map((l) => l.serviceType)}::text[], ${freshLoci.map((l) => l.unitKind)}::text[], ${freshLoci.map((l) => l.address)}::text[],
                  ${freshLoci.map((l) => l.isActive)}::boolean[])
        AS x(id, institution, name, service, kind, address, active)`;
  }
  await setParents(tx, parents);
  return audit;
}

/** Resolves parent names to ids within each unit's institution (names are unique there, whatever their case). */
async function setParents(tx: Prisma.TransactionClient, parents: readonly { id: string; institutionId: string; parentName: string | null }[]) {
  if (parents.length === 0) return;
  const institutionIds = [...new Set(parents.map((p) => p.institutionId))];
  const units = await tx.locus.findMany({ where: { institutionId: { in: institutionIds } }, select: { id: true, institutionId: true, name: true } });
  const idOf = new Map(units.map((u) => [`${u.institutionId}\u0000${nameKey(u.name)}`, u.id]));
  const parentIds = parents.map((p) => (p.parentName === null ? null : idOf.get(`${p.institutionId}\u0000${nameKey(p.parentName)}`)!));
  await tx.$executeRaw`
    UPDATE "Locus" l SET "parentId" = x.parent, "updatedAt" = now()
    FROM unnest(${parents.map((p) => p.id)}::uuid[], ${parentIds}::uuid[]) AS x(id, parent)
    WHERE l.id = x.id`;
}

function changedFields(plan: { changes: { field: string; before: string | boolean | null; after: string | boolean | null }[] }, side: "before" | "after") {
  return Object.fromEntries(plan.changes.map((c) => [c.field, c[side]]));
}
