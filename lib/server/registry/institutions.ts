import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import { nameKey } from "@/lib/domain/registry/fields";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCreateInstitution, TCreateLocus, TInstitutionSearch, TUpdateInstitution, TUpdateLocus } from "@/lib/schemas/registry";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { uniqueAs } from "../db/unique";
import { managesInstitutions, registryScopeWhere } from "./scope";

const PAGE_SIZE = 25;
type Manager = Actor & { email: string };

function assertInstitutionManager(actor: Actor) {
  if (!managesInstitutions(actor)) throw new ActionError("errors.notFound");
}

function scopeOrNotFound(actor: Actor): Prisma.InstitutionWhereInput {
  const scope = registryScopeWhere(actor);
  if (!scope) throw new ActionError("errors.notFound");
  return scope;
}

export function listProvinces(actor: Actor) {
  if (!registryScopeWhere(actor) && !ruleFor(actor, "assignments.manage")) return Promise.resolve([]);
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
  const scope = registryScopeWhere(actor);
  if (!scope) return { institutions: [], total: 0, page, pageSize: PAGE_SIZE };
  const where: Prisma.InstitutionWhereInput = { AND: [scope, institutionFilter(filter)] };
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
  const scope = registryScopeWhere(actor);
  if (!scope) return null;
  return db.institution.findFirst({
    where: { AND: [{ id: institutionId }, scope] },
    select: {
      id: true,
      code: true,
      name: true,
      shortName: true,
      type: true,
      isSynthetic: true,
      updatedAt: true,
      province: { select: { code: true, name: true } },
      loci: {
        select: { id: true, name: true, serviceType: true, unitKind: true, parentId: true, address: true, isActive: true, updatedAt: true },
        orderBy: { name: "asc" },
      },
    },
  });
}

/** What the audit trail keeps of an institution or a locus. */
function institutionView(i: { code: string; name: string; shortName: string | null; type: string; provinceCode: string | null }) {
  return { code: i.code, name: i.name, shortName: i.shortName, type: i.type, provinceCode: i.provinceCode };
}
function locusView(l: {
  institutionId: string;
  name: string;
  serviceType: string;
  unitKind: string;
  parentId: string | null;
  address: string | null;
  isActive: boolean;
}) {
  return {
    institutionId: l.institutionId,
    name: l.name,
    serviceType: l.serviceType,
    unitKind: l.unitKind,
    parentId: l.parentId,
    address: l.address,
    isActive: l.isActive,
  };
}

async function provinceIdOf(tx: Prisma.TransactionClient, code: string | undefined) {
  if (!code) return null;
  const province = await tx.province.findUnique({ where: { code }, select: { id: true } });
  if (!province) throw new ActionError("registry.provinceUnknown");
  return province.id;
}

export async function createInstitution(actor: Manager, input: TCreateInstitution) {
  assertInstitutionManager(actor);
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
  assertInstitutionManager(actor);
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

/** The parent unit must be a unit of the same institution, and never the unit itself or below it. */
async function assertParent(tx: Prisma.TransactionClient, institutionId: string, parentId: string | null, locusId?: string) {
  if (!parentId) return;
  if (parentId === locusId) throw new ActionError("registry.parentInvalid");
  const parent = await tx.locus.findFirst({ where: { id: parentId, institutionId }, select: { id: true } });
  if (!parent) throw new ActionError("registry.parentInvalid");
  if (!locusId) return;
  const [row] = await tx.$queryRaw<{ loop: boolean }[]>`
    WITH RECURSIVE up(id, "parentId") AS (
      SELECT id, "parentId" FROM "Locus" WHERE id = ${parentId}::uuid
      UNION SELECT l.id, l."parentId" FROM "Locus" l JOIN up ON l.id = up."parentId"
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${locusId}::uuid) AS loop`;
  if (row?.loop) throw new ActionError("registry.parentInvalid");
}

export async function createLocus(actor: Manager, input: TCreateLocus) {
  const scope = scopeOrNotFound(actor);
  return uniqueAs("registry.locusNameTaken", { name: input.name }, () =>
    db.$transaction(async (tx) => {
      if (!(await tx.institution.findFirst({ where: { AND: [{ id: input.institutionId }, scope] }, select: { id: true } })))
        throw new ActionError("errors.notFound");
      await assertLocusNameFree(tx, input.institutionId, input.name);
      const parentId = input.parentId ?? null;
      await assertParent(tx, input.institutionId, parentId);
      const data = {
        institutionId: input.institutionId,
        name: input.name,
        serviceType: input.serviceType,
        unitKind: input.unitKind,
        parentId,
        address: input.address ?? null,
        isActive: true,
        // An institution's own unit is not one of the ministry's national loci (docs/domain.md §3.12).
        nationalLocus: managesInstitutions(actor),
      };
      const created = await tx.locus.create({ data, select: { id: true } });
      await audit(tx, actor, {
        action: "locus.create",
        entityType: "Locus",
        entityId: created.id,
        after: { ...locusView(data), nationalLocus: data.nationalLocus },
      });
      return created;
    }),
  );
}

export async function updateLocus(actor: Manager, input: TUpdateLocus) {
  const scope = scopeOrNotFound(actor);
  return uniqueAs("registry.locusNameTaken", { name: input.name }, () =>
    db.$transaction(async (tx) => {
      const before = await tx.locus.findFirst({
        where: { id: input.locusId, institution: scope },
        select: { institutionId: true, name: true, serviceType: true, unitKind: true, parentId: true, address: true, isActive: true },
      });
      if (!before) throw new ActionError("errors.notFound");
      await assertLocusNameFree(tx, before.institutionId, input.name, input.locusId);
      const parentId = input.parentId ?? null;
      await assertParent(tx, before.institutionId, parentId, input.locusId);
      const data = {
        name: input.name,
        serviceType: input.serviceType,
        unitKind: input.unitKind,
        parentId,
        address: input.address ?? null,
        isActive: input.isActive,
      };
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
