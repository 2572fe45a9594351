/**
 * The audit trail in words (issue 19 item 8): what an audit record says to a person, without
 * action codes, JSON, hashes or identifiers. Pure: the component translates what this returns
 * through the message catalogues (history.actions.*, history.fields.*).
 */

/** The catalogue key of an action's sentence: `history.actions.<key>` (the catalogue nests on dots). */
export function auditActionKey(action: string): string {
  return action.replace(/[^A-Za-z0-9-]/g, "_");
}

/**
 * The fields of a before/after payload a person can read, in the order they are listed. Anything
 * else (versions, hashes, ids, nested objects) stays in the admin's technical details only.
 */
export const READABLE_FIELDS = [
  "status",
  "level",
  "justification",
  "note",
  "decision",
  "reason",
  "reasons",
  "text",
  "body",
  "description",
  "name",
  "email",
  "role",
  "isActive",
  "mustChangePassword",
  "isQuestion",
  "enabled",
  "round",
  "index",
  "grade",
  "targetDate",
  "actionDate",
  "closesAt",
  "closedAt",
  "reopenedUntil",
  "publishedAt",
  "decreeReference",
  "fileName",
  "url",
] as const;
export type ReadableField = (typeof READABLE_FIELDS)[number];

/** Fields whose value is a code the catalogue words (`history.values.<code>`, else `status.<code>`). */
export const CODED_FIELDS: ReadonlySet<ReadableField> = new Set(["status", "decision", "role"]);

export type ReadableValue =
  | { kind: "text"; text: string }
  | { kind: "code"; code: string }
  | { kind: "number"; value: number }
  | { kind: "yesNo"; value: boolean }
  | { kind: "date"; iso: string }
  | { kind: "list"; items: string[] };

export interface ReadableChange {
  field: ReadableField;
  before: ReadableValue | null;
  after: ReadableValue | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** A long text is cut here: the history says what changed, the record itself has the rest. */
export const TEXT_LIMIT = 300;

function readable(field: ReadableField, value: unknown): ReadableValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return { kind: "yesNo", value };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : null;
  if (typeof value === "string") {
    if (value.trim() === "" || UUID.test(value)) return null;
    if (CODED_FIELDS.has(field)) return /^[A-Z][A-Z0-9_]*$/.test(value) ? { kind: "code", code: value } : null;
    if (ISO_DATE.test(value)) return { kind: "date", iso: value };
    return { kind: "text", text: value.length > TEXT_LIMIT ? `${value.slice(0, TEXT_LIMIT - 1)}…` : value };
  }
  if (Array.isArray(value)) {
    const items = value.filter((v): v is string => typeof v === "string" && v.trim() !== "" && !UUID.test(v));
    return items.length > 0 ? { kind: "list", items: items.map((v) => (v.length > TEXT_LIMIT ? `${v.slice(0, TEXT_LIMIT - 1)}…` : v)) } : null;
  }
  return null;
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const same = (a: ReadableValue | null, b: ReadableValue | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The readable fields that a record shows: each one the "after" sets or changes, with its value
 * before (null when it had none). Fields that did not change are left out, unless the record has
 * no "before" at all (a creation): then every readable value it was created with is listed.
 */
export function readableChanges(before: unknown, after: unknown): ReadableChange[] {
  const was = record(before);
  const now = record(after);
  const changes: ReadableChange[] = [];
  for (const field of READABLE_FIELDS) {
    if (!(field in was) && !(field in now)) continue;
    const from = readable(field, was[field]);
    const to = readable(field, now[field]);
    if ((from === null && to === null) || same(from, to)) continue;
    changes.push({ field, before: from, after: to });
  }
  return changes;
}

/**
 * The indicator a record is about: its entity is one answer of a locus (`<assessment id>:<indicator
 * code>`, as the self-assessment, verification and correction write it), or its payload names the
 * indicator (`indicatorCode`, as evidence, appeals and comments do). Null otherwise.
 */
export function indicatorOf(event: { entityId: string | null; before?: unknown; after?: unknown }): string | null {
  const match = event.entityId ? /^[0-9a-f-]{36}:(.+)$/i.exec(event.entityId) : null;
  if (match) return match[1]!;
  for (const payload of [record(event.after), record(event.before)]) {
    const code = payload.indicatorCode;
    if (typeof code === "string" && code.trim() !== "") return code;
  }
  return null;
}
