import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acknowledged, type Draft, draftStore, edit, keepMine, nextSave, refused, takeTheirs, toDraft, unanswered } from "@/components/self-assessment/drafts";
import type { SavedAnswer } from "@/lib/schemas/self-assessment";

// The autosave's drafts (components/self-assessment/drafts.ts): what is sent, kept and offered after
// each answer of the server, and how two tabs share the browser's storage without losing a draft.

const stored = (level: number | null, justification: string, version: number, updatedBy = "Evaluator Lain"): SavedAnswer => ({
  level,
  justification,
  version,
  updatedAt: "2026-01-01T00:00:00.000Z",
  updatedBy,
});

describe("one indicator's draft through its saves", () => {
  it("sends the newest value on the version the first unsent change was based on, from the tab that owns it", () => {
    const first = edit(undefined, { level: 2, justification: "a" }, 4, "tab-a");
    const typedOn = edit(first, { level: 2, justification: "ab" }, 9, "tab-a");
    expect(typedOn).toEqual({ level: 2, justification: "ab", baseVersion: 4, owner: "tab-a" });
    expect(nextSave({ "1.a.Ak": typedOn }, "tab-a")).toEqual({ code: "1.a.Ak", request: { level: 2, justification: "ab", baseVersion: 4 } });
    expect(nextSave({ "1.a.Ak": typedOn }, "tab-b")).toBeNull();
  });

  it("is done when the stored value is its newest one, and rebased on the new version when the user typed on meanwhile", () => {
    const sent = { level: 2, justification: "a", baseVersion: 4 };
    expect(acknowledged({ ...sent, owner: "t" }, sent, stored(2, "a", 5))).toBeUndefined();
    expect(acknowledged({ ...sent, justification: "ab", owner: "t" }, sent, stored(2, "a", 5))).toEqual({
      level: 2,
      justification: "ab",
      baseVersion: 5,
      owner: "t",
    });
  });

  it("offers the newest value, not the one the refused save carried, and keeps it until the user chooses", () => {
    const draft: Draft = { level: 2, justification: "typed while the save travelled", baseVersion: 4, owner: "t" };
    const theirs = stored(5, "theirs", 6);
    const waiting = refused(draft, theirs);
    expect(waiting).toEqual({ ...draft, theirs });
    expect(nextSave({ x: waiting! }, "t")).toBeNull();
    // Keeping mine sends the newest value on the stored version; taking theirs drops the draft.
    expect(keepMine(waiting, "t")).toEqual({ ...draft, baseVersion: 6 });
    expect(takeTheirs(waiting, theirs)).toBeUndefined();
    // A choice made for another stored answer than the one now waiting changes nothing.
    expect(takeTheirs(waiting, stored(1, "older", 5))).toBe(waiting);
    // Nothing to choose when the newest value is the stored one.
    expect(refused(draft, stored(2, "typed while the save travelled", 6))).toBeUndefined();
  });

  it("sends a save left without an answer again, identical, before the value typed since, which then goes on the version it made", () => {
    const sent = { level: 3, justification: "first", baseVersion: 4 };
    const draft: Draft = { level: 3, justification: "first, then more", baseVersion: 4, owner: "t" };
    const inDoubt = unanswered(draft, sent)!;
    expect(nextSave({ x: inDoubt }, "t")).toEqual({ code: "x", request: sent });
    // The server had stored it: the retry gets the stored answer (version 5), the newer value follows on it.
    const after = acknowledged(inDoubt, sent, stored(3, "first", 5, "Rina"))!;
    expect(after).toEqual({ level: 3, justification: "first, then more", baseVersion: 5, owner: "t" });
    expect(nextSave({ x: after }, "t")).toEqual({ code: "x", request: { level: 3, justification: "first, then more", baseVersion: 5 } });
    // A draft whose value is exactly the unanswered request needs no separate retry.
    expect(unanswered({ ...sent, owner: "t" }, sent)).toEqual({ ...sent, owner: "t" });
  });

  it("reads back only well-formed drafts", () => {
    expect(toDraft({ level: 1, justification: "x", baseVersion: 2, owner: "t", theirs: stored(0, "", 3) })).toMatchObject({ theirs: { version: 3 } });
    expect(toDraft({ level: "1", justification: "x", baseVersion: 2 })).toBeUndefined();
    expect(toDraft({ level: 1, justification: "x", baseVersion: 2, theirs: { level: 1 } })).toEqual({ level: 1, justification: "x", baseVersion: 2 });
  });
});

describe("the drafts in localStorage, shared by the tabs of a locus", () => {
  class MemoryStorage {
    private items = new Map<string, string>();
    get length() {
      return this.items.size;
    }
    key(i: number) {
      return [...this.items.keys()][i] ?? null;
    }
    getItem(key: string) {
      return this.items.get(key) ?? null;
    }
    setItem(key: string, value: string) {
      this.items.set(key, value);
    }
    removeItem(key: string) {
      this.items.delete(key);
    }
    keys() {
      return [...this.items.keys()].sort();
    }
  }
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    (globalThis as { window?: unknown }).window = { localStorage: storage };
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it("keeps one entry per indicator, so two tabs writing different indicators never overwrite each other", () => {
    const tabA = draftStore("pekppp.autosave.L");
    const tabB = draftStore("pekppp.autosave.L");
    tabA.update("11.b.K", (d) => edit(d, { level: 1, justification: "A" }, 0, "a"));
    tabB.update("12.b.Ak", (d) => edit(d, { level: 2, justification: "B" }, 0, "b"));
    expect(storage.keys()).toEqual(["pekppp.autosave.L.11.b.K", "pekppp.autosave.L.12.b.Ak"]);
    expect(Object.keys(tabA.readAll()).sort()).toEqual(["11.b.K", "12.b.Ak"]);
    tabA.update("11.b.K", () => undefined);
    expect(tabB.readAll()).toEqual({ "12.b.Ak": { level: 2, justification: "B", baseVersion: 0, owner: "b" } });
    // Another locus's drafts are not this one's.
    draftStore("pekppp.autosave.L2").update("11.b.K", (d) => edit(d, { level: 0, justification: "" }, 0, "c"));
    expect(Object.keys(tabB.readAll())).toEqual(["12.b.Ak"]);
  });

  it("splits the whole-locus entry of earlier versions into one entry per indicator, without owner (any tab adopts them)", () => {
    storage.setItem("pekppp.autosave.L", JSON.stringify({ "1.a.Ak": { level: 3, justification: "lama", baseVersion: 2 }, bad: { level: "x" } }));
    expect(draftStore("pekppp.autosave.L").readAll()).toEqual({ "1.a.Ak": { level: 3, justification: "lama", baseVersion: 2 } });
    expect(storage.keys()).toEqual(["pekppp.autosave.L.1.a.Ak"]);
  });
});
