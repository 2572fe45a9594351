import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { nameKey } from "@/lib/domain/registry/fields";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCreateInstitution, TCreateLocus, TInstitutionSearch, TUpdateInstitution, TUpdateLocus } from "@/lib/schemas/registry";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { uniqueAs } from "../db/unique";

const PAGE_SIZE = 25;
type Manager = Actor & { email: string };

function assertManager(actor: Actor) {
  if (!can(actor, "registry.manage")) throw new ActionError("errors.notFound");
}

export function listProvinces(actor: Actor) {
  if (!can(actor, "registry.manage") && !can(actor, "assignments.manage")) return Promise.resolve([]);
  return db.province.findMany({ select: { id: true, code: true, name: true }, orderBy: { code: "asc" } });
}

/** The list's filters as a query: name, code or short name; type; province by its code. */
export function institutionFilter(filter: Pick<TInstitutionSearch, "q" | "type" | "province">): Prisma.InstitutionWhereInput {
  return {
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.province ? { province: { code: filter.province } } : {}),
    ...(filter.q
      ? {
          OR: [
            { name: { contains: filter.q, mode: "insensitive" } },
            { code: { contains: filter.q, mode: "insensitive" } },
            { shortName: { contains: filter.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
}

export async function searchInstitutions(actor: Actor, filter: TInstitutionSearch) {
  const page = filter.page ?? 1;
  if (!can(actor, "registry.manage")) return { institutions: [], total: 0, page, pageSize: PAGE_SIZE };
  const where = institutionFilter(filter);
  const [institutions, total] = await db.$transaction([
    db.institution.findMany({
      where,
      select: {
        id: true,
        code: true,
        name: true,
        shortName: true,
        type: true,
        province: { select: { name: true } },
        loci: { select: { isActive: true } },
      },
      orderBy: [{ type: "asc" }, { name: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.institution.count({ where }),
  ]);
  return {
    institutions: institutions.map(({ loci, ...rest }) => ({ ...rest, activeLoci: loci.filter((l) => l.isActive).length, loci: loci.length })),
    total,
    page,
    pageSize: PAGE_SIZE,
  };
}

export async function findInstitution(actor: Actor, institutionId: string) {
  if (!can(actor, "registry.manage")) return null;
  return db.institution.findUnique({
    where: { id: institutionId },
    select: {
      id: true,
      code: true,
      name: true,
      shortName: true,
      type: true,
      isSynthetic: true,
      updatedAt: true,
      province: { select: { code: true, name: true } },
      loci: { select: { id: true, name: true, serviceType: true, address: true, isActive: true, updatedAt: true }, orderBy: { name: "asc" } },
    },
  });
}

/** What the audit trail keeps of an institution or a locus. */
function institutionView(i: { code: string; name: string; shortName: string | null; type: string; provinceCode: string | null }) {
  return { code: i.code, name: i.name, shortName: i.shortName, type: i.type, provinceCode: i.provinceCode };
}
function locusView(l: { institutionId: string; name: string; serviceType: string; address: string | null; isActive: boolean }) {
  return { institutionId: l.institutionId, name: l.name, serviceType: l.serviceType, address: l.address, isActive: l.isActive };
}

async function provinceIdOf(tx: Prisma.TransactionClient, code: string | undefined) {
  if (!code) return null;
  const province = await tx.province.findUnique({ where: { code }, select: { id: true } });
  if (!province) throw new ActionError("registry.provinceUnknown");
  return province.id;
}

export async function createInstitution(actor: Manager, input: TCreateInstitution) {
  assertManager(actor);
  return uniqueAs("registry.codeTaken", { code: input.code }, () =>
    db.$transaction(async (tx) => {
      if (await tx.institution.findUnique({ where: { code: input.code }, select: { id: true } }))
        throw new ActionError("registry.codeTaken", { code: input.code });
      const provinceId = await provinceIdOf(tx, input.provinceCode);
      const created = await tx.institution.create({
        data: { code: input.code, name: input.name, shortName: input.shortName ?? null, type: input.type, provinceId },
        select: { id: true },
      });
      await audit(tx, actor, {
        action: "institution.create",
        entityType: "Institution",
        entityId: created.id,
        after: institutionView({ ...input, shortName: input.shortName ?? null, provinceCode: input.provinceCode ?? null }),
      });
      return created;
    }),
  );
}

/** Edits an institution; a form loaded before someone else's change is refused (updatedAt in the write). */
export async function updateInstitution(actor: Manager, input: TUpdateInstitution) {
  assertManager(actor);
  return uniqueAs("registry.codeTaken", { code: input.code }, () =>
    db.$transaction(async (tx) => {
      const before = await tx.institution.findUnique({
        where: { id: input.institutionId },
        select: { code: true, name: true, shortName: true, type: true, province: { select: { code: true } } },
      });
      if (!before) throw new ActionError("errors.notFound");
      const provinceId = await provinceIdOf(tx, input.provinceCode);
      const updated = await tx.institution.updateMany({
        where: { id: input.institutionId, updatedAt: new Date(input.expectedUpdatedAt) },
        data: { code: input.code, name: input.name, shortName: input.shortName ?? null, type: input.type, provinceId },
      });
      if (updated.count === 0) throw new ActionError("errors.conflict");
      const after = await tx.institution.findUniqueOrThrow({ where: { id: input.institutionId }, select: { updatedAt: true } });
      await audit(tx, actor, {
        action: "institution.update",
        entityType: "Institution",
        entityId: input.institutionId,
        before: institutionView({ ...before, provinceCode: before.province?.code ?? null }),
        after: institutionView({ ...input, shortName: input.shortName ?? null, provinceCode: input.provinceCode ?? null }),
      });
      return after;
    }),
  );
}

/** Locus names are unique inside an institution, whatever their case and spacing (the import matches them so). */
async function assertLocusNameFree(tx: Prisma.TransactionClient, institutionId: string, name: string, exceptId?: string) {
  const siblings = await tx.locus.findMany({ where: { institutionId, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } });
  if (siblings.some((s) => nameKey(s.name) === nameKey(name))) throw new ActionError("registry.locusNameTaken", { name });
}

export async function createLocus(actor: Manager, input: TCreateLocus) {
  assertManager(actor);
  return uniqueAs("registry.locusNameTaken", { name: input.name }, () =>
    db.$transaction(async (tx) => {
      if (!(await tx.institution.findUnique({ where: { id: input.institutionId }, select: { id: true } }))) throw new ActionError("errors.notFound");
      await assertLocusNameFree(tx, input.institutionId, input.name);
      const data = { institutionId: input.institutionId, name: input.name, serviceType: input.serviceType, address: input.address ?? null, isActive: true };
      const created = await tx.locus.create({ data, select: { id: true } });
      await audit(tx, actor, { action: "locus.create", entityType: "Locus", entityId: created.id, after: locusView(data) });
      return created;
    }),
  );
}

export async function updateLocus(actor: Manager, input: TUpdateLocus) {
  assertManager(actor);
  return uniqueAs("registry.locusNameTaken", { name: input.name }, () =>
    db.$transaction(async (tx) => {
      const before = await tx.locus.findUnique({
        where: { id: input.locusId },
        select: { institutionId: true, name: true, serviceType: true, address: true, isActive: true },
      });
      if (!before) throw new ActionError("errors.notFound");
      await assertLocusNameFree(tx, before.institutionId, input.name, input.locusId);
      const data = { name: input.name, serviceType: input.serviceType, address: input.address ?? null, isActive: input.isActive };
      const updated = await tx.locus.updateMany({ where: { id: input.locusId, updatedAt: new Date(input.expectedUpdatedAt) }, data });
      if (updated.count === 0) throw new ActionError("errors.conflict");
      const after = await tx.locus.findUniqueOrThrow({ where: { id: input.locusId }, select: { updatedAt: true } });
      await audit(tx, actor, {
        action: "locus.update",
        entityType: "Locus",
        entityId: input.locusId,
        before: locusView(before),
        after: locusView({ ...data, institutionId: before.institutionId }),
      });
      return after;
    }),
  );
}
