import type { SavedAnswer } from "@/lib/schemas/self-assessment";

/**
 * The unsent changes of one locus, as the autosave keeps them in the browser (use-autosave.ts): one
 * localStorage entry per indicator, each owned by the tab that sends it. Pure functions over one
 * entry, and the store that reads and writes them.
 */

export interface AnswerValue {
  level: number | null;
  justification: string;
}

/** A save as it is sent: the value and the version it is based on. */
export interface SaveRequest extends AnswerValue {
  baseVersion: number;
}

/**
 * One indicator's unsent change: the newest value the user typed and the version it is based on,
 * the tab that owns it, and the state of its last save.
 * - `owner`: the tab that sends it (the tab the user typed in; a tab that was closed leaves its
 *   drafts to the next tab of the locus, which adopts them). Only the owner writes the entry,
 *   so two tabs never overwrite each other's drafts.
 * - `inDoubt`: a save that may have reached the server (the connection failed before its answer
 *   came back). It is sent again first, identical: the server answers a value it stores already
 *   as saved, so this retry never conflicts with the user's own committed save. Only then is the
 *   newer value sent, on the version that save made.
 * - `theirs`: the stored answer a save of this change was refused for (409). The change waits for
 *   the user's choice, and is kept (with the stored answer) until then, across reloads.
 */
export interface Draft extends SaveRequest {
  owner?: string;
  inDoubt?: SaveRequest;
  theirs?: SavedAnswer;
}

export type Drafts = Record<string, Draft>;

export const sameValue = (a: AnswerValue, b: AnswerValue) => a.level === b.level && a.justification === b.justification;
export const sameRequest = (a: SaveRequest, b: SaveRequest) => sameValue(a, b) && a.baseVersion === b.baseVersion;
export const answerValue = (a: AnswerValue): AnswerValue => ({ level: a.level, justification: a.justification });
const requestOf = (a: SaveRequest): SaveRequest => ({ level: a.level, justification: a.justification, baseVersion: a.baseVersion });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isLevel = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) >= 0);
const isVersion = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isRequest = (v: unknown): v is SaveRequest & Record<string, unknown> =>
  isRecord(v) && isLevel(v.level) && typeof v.justification === "string" && isVersion(v.baseVersion);
const isSaved = (v: unknown): v is SavedAnswer =>
  isRecord(v) &&
  isLevel(v.level) &&
  typeof v.justification === "string" &&
  isVersion(v.version) &&
  typeof v.updatedAt === "string" &&
  (v.updatedBy === null || typeof v.updatedBy === "string");

/** One stored draft; anything unreadable (another version of the page, a hand edit) is left out. */
export function toDraft(entry: unknown): Draft | undefined {
  if (!isRequest(entry)) return undefined;
  return {
    ...requestOf(entry),
    ...(typeof entry.owner === "string" ? { owner: entry.owner } : {}),
    ...(isRequest(entry.inDoubt) ? { inDoubt: requestOf(entry.inDoubt) } : {}),
    ...(isSaved(entry.theirs) ? { theirs: entry.theirs } : {}),
  };
}

function parse(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The user changed an indicator: its newest value, on the version its first unsent change was based on, owned by this tab. */
export function edit(draft: Draft | undefined, value: AnswerValue, knownVersion: number, owner: string): Draft {
  return { ...draft, ...answerValue(value), baseVersion: draft?.baseVersion ?? knownVersion, owner };
}

/** The next save this tab sends: a save in doubt before anything newer; never a change that waits for the user's choice. */
export function nextSave(drafts: Drafts, owner: string): { code: string; request: SaveRequest } | null {
  for (const [code, draft] of Object.entries(drafts)) {
    if (draft.owner !== owner || draft.theirs) continue;
    return { code, request: draft.inDoubt ?? requestOf(draft) };
  }
  return null;
}

/**
 * The server stored `saved` for `request` (this tab's save, or another tab's). The change is done
 * when its newest value is the stored one; otherwise (typed on while the save travelled) it is now
 * based on the version that save made.
 */
export function acknowledged(draft: Draft | undefined, request: SaveRequest, saved: SavedAnswer): Draft | undefined {
  if (!draft) return draft;
  const { inDoubt, ...rest } = draft;
  const next: Draft = inDoubt && !sameRequest(inDoubt, request) ? { ...rest, inDoubt } : rest;
  if (!next.inDoubt && !next.theirs && sameValue(next, saved)) return undefined;
  if (next.baseVersion === request.baseVersion) next.baseVersion = saved.version;
  return next;
}

/**
 * The save was refused: `theirs` is stored, on a version this change did not see. The newest value
 * (not only the one that was sent) waits for the user's choice; when it is the stored value
 * already, there is nothing to choose and the change is done.
 */
export function refused(draft: Draft | undefined, theirs: SavedAnswer): Draft | undefined {
  if (!draft) return draft;
  if (sameValue(draft, theirs)) return undefined;
  const { inDoubt: _settled, ...rest } = draft;
  return { ...rest, theirs };
}

/** No answer came back for `request`: it may have been stored. It is sent again, identical, before anything newer. */
export function unanswered(draft: Draft | undefined, request: SaveRequest): Draft | undefined {
  if (!draft || draft.inDoubt || sameRequest(draft, request)) return draft;
  return { ...draft, inDoubt: requestOf(request) };
}

/** The user keeps their newest value over the stored one: it is sent again by this tab, based on the stored version. */
export function keepMine(draft: Draft | undefined, owner: string): Draft | undefined {
  if (!draft?.theirs) return draft;
  const { theirs, ...rest } = draft;
  return { ...rest, baseVersion: theirs.version, owner };
}

/** The user takes the stored answer: the change is dropped, if it is still the one refused for `theirs`. */
export function takeTheirs(draft: Draft | undefined, theirs: SavedAnswer): Draft | undefined {
  if (!draft?.theirs || draft.theirs.version !== theirs.version) return draft;
  return undefined;
}

/**
 * The drafts of one locus in localStorage: one entry per indicator (`<prefix>.<code>`), so a write
 * touches only its own indicator and two tabs editing different indicators never overwrite each
 * other (localStorage is shared by the tabs, but each renderer sees the others' writes only a
 * moment later: a read-modify-write of one shared entry could lose the other tab's newest change).
 * The whole-locus entry of earlier versions (`<prefix>`) is split into these on first read. When
 * localStorage cannot be used (storage disabled, quota), the drafts live in memory for this page.
 */
export function draftStore(prefix: string) {
  const entryPrefix = `${prefix}.`;
  const memory = new Map<string, Draft>();
  let inMemoryOnly = false;
  let migrated = false;

  const migrate = (storage: Storage) => {
    if (migrated) return;
    migrated = true;
    const legacy = parse(storage.getItem(prefix));
    if (legacy === undefined) return;
    if (isRecord(legacy)) {
      for (const [code, entry] of Object.entries(legacy)) {
        const draft = toDraft(entry);
        if (draft && storage.getItem(entryPrefix + code) === null) storage.setItem(entryPrefix + code, JSON.stringify(draft));
      }
    }
    storage.removeItem(prefix);
  };

  const withStorage = <T>(use: (storage: Storage) => T, fallback: () => T): T => {
    if (inMemoryOnly) return fallback();
    try {
      const storage = window.localStorage;
      migrate(storage);
      return use(storage);
    } catch {
      inMemoryOnly = true;
      return fallback();
    }
  };

  const read = (code: string): Draft | undefined =>
    withStorage(
      (storage) => toDraft(parse(storage.getItem(entryPrefix + code))),
      () => memory.get(code),
    );

  const write = (code: string, draft: Draft | undefined) => {
    if (draft) memory.set(code, draft);
    else memory.delete(code);
    withStorage(
      (storage) => (draft ? storage.setItem(entryPrefix + code, JSON.stringify(draft)) : storage.removeItem(entryPrefix + code)),
      () => undefined,
    );
  };

  return {
    /** Every draft of the locus, whichever tab owns it. */
    readAll(): Drafts {
      return withStorage(
        (storage) => {
          const drafts: Drafts = {};
          for (let i = 0; i < storage.length; i += 1) {
            const key = storage.key(i);
            if (!key?.startsWith(entryPrefix)) continue;
            const draft = toDraft(parse(storage.getItem(key)));
            if (draft) drafts[key.slice(entryPrefix.length)] = draft;
          }
          return drafts;
        },
        () => Object.fromEntries(memory),
      );
    },
    read,
    /** Applies `change` to one indicator's draft as stored now, and stores the result (none: removed). */
    update(code: string, change: (draft: Draft | undefined) => Draft | undefined): Draft | undefined {
      const before = read(code);
      const after = change(before);
      if (after !== before) write(code, after);
      return after;
    },
    /** Whether a `storage` event's key is one of this locus's drafts (null: the whole storage was cleared). */
    concerns(key: string | null) {
      return key === null || key === prefix || key.startsWith(entryPrefix);
    },
  };
}

export type DraftStore = ReturnType<typeof draftStore>;
