"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SavedAnswer } from "@/lib/schemas/self-assessment";
import {
  acknowledged,
  type AnswerValue,
  type Draft,
  type Drafts,
  draftStore,
  edit,
  keepMine,
  nextSave,
  refused,
  type SaveRequest,
  sameRequest,
  takeTheirs,
  unanswered,
  answerValue,
} from "./drafts";

export type { AnswerValue } from "./drafts";

/** An answer as the server stored it. */
export type StoredAnswer = SavedAnswer;

export interface Conflict {
  /** The user's newest value (what they typed last, not only what the refused save carried). */
  mine: AnswerValue;
  theirs: StoredAnswer;
}

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; offline: boolean }
  | { kind: "blocked"; error: { key: string; values?: Record<string, string | number> } };

const DEBOUNCE_MS = 800;
const RETRY_MS = [2_000, 5_000, 10_000, 30_000];
/** A save with no answer after this long is given up on, and in doubt (it may have been stored). */
const SAVE_TIMEOUT_MS = 30_000;
/** How often a tab looks for drafts of a closed tab while another tab's drafts are around. */
const ADOPT_EVERY_MS = 5_000;
/** Every open tab holds a Web Lock of this name plus its id: a draft whose owner holds none was left by a closed tab. */
const TAB_LOCK = "pekppp.autosave.tab.";

const EMPTY: StoredAnswer = { level: null, justification: "", version: 0, updatedAt: "", updatedBy: null };

type Round = { kind: "done"; sent: boolean } | { kind: "failed" } | { kind: "blocked"; error: { key: string; values?: Record<string, string | number> } };

/** What tabs of the same locus tell each other (BroadcastChannel). */
type Notice =
  /** A save was answered: the others base their next change on it and show it. */
  | { kind: "saved"; code: string; request: SaveRequest; answer: StoredAnswer }
  /** The user took the stored answer after a conflict. */
  | { kind: "taken"; code: string; answer: StoredAnswer }
  /** A tab is closing: its drafts, if any, are left to the others. */
  | { kind: "left" };

const newTabId = () =>
  typeof crypto !== "undefined" && typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

const webLocks = () => (typeof navigator === "undefined" ? undefined : navigator.locks);

/**
 * Autosave of a locus's answers: every change is kept in the browser (localStorage) first, sent
 * within about a second, re-sent after a failure or when the connection returns, and never
 * overwrites a newer answer silently (a stale version comes back as a conflict to resolve).
 *
 * - Drafts are kept per indicator and per owning tab (drafts.ts): two tabs of one locus never
 *   overwrite each other's drafts, each sends its own, and the drafts of a closed tab are adopted
 *   and sent by the next tab of the locus (at once where Web Locks tell which tabs are open,
 *   otherwise when a tab of the locus is opened). A tab shows what another tab typed (the
 *   `storage` event) and what it saved (BroadcastChannel).
 * - A refused save keeps its draft, with the stored answer, until the user chooses, even across a
 *   reload; the value offered as the user's is the newest one they typed.
 * - A save whose answer was lost is sent again, identical, before anything newer: the server takes
 *   a value it stores already as saved (idempotent), so a retry is never a false conflict.
 */
export function useAutosave(
  assessmentId: string,
  initial: Record<string, StoredAnswer>,
  enabled: boolean,
  // The verifier's workspace saves its levels and notes the same way, to its own route.
  target: { endpoint: string; textField: "justification" | "note"; storagePrefix: string } = {
    endpoint: `/api/assessments/${assessmentId}/answers`,
    textField: "justification",
    storagePrefix: "pekppp.autosave",
  },
) {
  const [answers, setAnswersState] = useState<Record<string, StoredAnswer>>(initial);
  // The source of truth for what the page shows; state only mirrors it for rendering.
  const answersRef = useRef(initial);
  const setAnswers = useCallback((update: (all: Record<string, StoredAnswer>) => Record<string, StoredAnswer>) => {
    answersRef.current = update(answersRef.current);
    setAnswersState(answersRef.current);
  }, []);
  const storageKey = `${target.storagePrefix}.${assessmentId}`;
  const store = useMemo(() => draftStore(storageKey), [storageKey]);
  const [tab] = useState(newTabId);
  // Every draft of the locus as last read (the store is the truth: other tabs write to it too).
  const [drafts, setDrafts] = useState<Drafts>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const versions = useRef<Record<string, number>>(Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, v.version])));
  const running = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  const channel = useRef<BroadcastChannel | null>(null);

  const refresh = useCallback(() => setDrafts(store.readAll()), [store]);

  /** Changes this tab's own draft of an indicator (never another tab's: that tab writes it). */
  const updateOwn = useCallback(
    (code: string, change: (draft: Draft | undefined) => Draft | undefined) => {
      const after = store.update(code, (draft) => (draft?.owner === tab ? change(draft) : draft));
      refresh();
      return after;
    },
    [refresh, store, tab],
  );

  /** The server's answer for an indicator: the version to base the next change on, and what to show. */
  const learn = useCallback(
    (code: string, answer: StoredAnswer, draft: Draft | undefined) => {
      versions.current[code] = Math.max(versions.current[code] ?? 0, answer.version);
      setAnswers((all) => ({ ...all, [code]: draft ? { ...answer, ...answerValue(draft) } : answer }));
    },
    [setAnswers],
  );

  const tell = useCallback((notice: Notice) => channel.current?.postMessage(notice), []);

  /**
   * Takes over the drafts of tabs that are closed: their owner holds no Web Lock any more. Without
   * Web Locks, only when the page opens (`atOpen`), every other tab's draft is taken over: sending
   * a draft twice is safe (the server answers a value it stores already as saved).
   */
  const adoptOrphans = useCallback(
    async (atOpen: boolean) => {
      const foreign = Object.entries(store.readAll()).filter(([, draft]) => draft.owner !== tab);
      if (foreign.length === 0) return 0;
      const locks = webLocks();
      let open: Set<string> | null = null;
      if (locks) {
        const state = await locks.query().catch(() => null);
        if (state) open = new Set([...(state.held ?? []), ...(state.pending ?? [])].map((lock) => lock.name ?? ""));
      }
      if (!open && !atOpen) return 0;
      let adopted = 0;
      for (const [code, draft] of foreign) {
        if (open && draft.owner && open.has(TAB_LOCK + draft.owner)) continue;
        store.update(code, (now) => {
          if (!now || now.owner !== draft.owner) return now;
          adopted += 1;
          return { ...now, owner: tab };
        });
      }
      if (adopted > 0) refresh();
      return adopted;
    },
    [refresh, store, tab],
  );

  /** Sends this tab's drafts one by one, reading the store each time, until none is left to send. */
  const sendAll = useCallback(async (): Promise<Round> => {
    let sent = false;
    let last: { code: string; request: SaveRequest } | null = null;
    for (;;) {
      const next = nextSave(store.readAll(), tab);
      if (!next) return { kind: "done", sent };
      const { code, request } = next;
      // Defensive: an answer that changed nothing must not make this loop spin.
      if (last && last.code === code && sameRequest(last.request, request)) return { kind: "done", sent };
      last = next;
      setStatus({ kind: "saving" });
      let response: Response;
      try {
        response = await fetch(target.endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ indicatorCode: code, level: request.level, [target.textField]: request.justification, baseVersion: request.baseVersion }),
          signal: typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(SAVE_TIMEOUT_MS) : undefined,
        });
      } catch {
        // The request may have reached the server and been stored: it is sent again, identical, first.
        updateOwn(code, (draft) => unanswered(draft, request));
        return { kind: "failed" };
      }
      const body = (await response.json().catch(() => ({}))) as {
        answer?: StoredAnswer;
        current?: StoredAnswer;
        error?: string;
        values?: Record<string, string | number>;
      };
      if (response.ok && body.answer) {
        const saved = body.answer;
        learn(
          code,
          saved,
          updateOwn(code, (draft) => acknowledged(draft, request, saved)),
        );
        tell({ kind: "saved", code, request, answer: saved });
        sent = true;
      } else if (response.status === 409 && body.current) {
        const theirs = body.current;
        // The newest value waits for the user's choice, unless it is the stored one already.
        if (!updateOwn(code, (draft) => refused(draft, theirs))) learn(code, theirs, undefined);
      } else if (response.status >= 500) {
        updateOwn(code, (draft) => unanswered(draft, request));
        return { kind: "failed" };
      } else {
        // Refused for a reason more retries will not change (locked, deadline passed, signed out).
        return { kind: "blocked", error: { key: body.error ?? "errors.unexpected", values: body.values } };
      }
    }
  }, [learn, store, tab, target.endpoint, target.textField, tell, updateOwn]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!enabled) return;
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    let round: Round;
    try {
      await adoptOrphans(false);
      let sent = false;
      do {
        again.current = false;
        round = await sendAll();
        if (round.kind === "done") sent ||= round.sent;
      } while (round.kind === "done" && again.current);
      if (round.kind === "done") round = { kind: "done", sent };
    } finally {
      running.current = false;
      refresh();
    }
    if (round.kind === "failed") {
      const delay = RETRY_MS[Math.min(failures.current, RETRY_MS.length - 1)]!;
      failures.current += 1;
      setStatus({ kind: "failed", offline: typeof navigator !== "undefined" && !navigator.onLine });
      timer.current = setTimeout(() => void flush(), delay);
      return;
    }
    if (round.kind === "blocked") {
      setStatus({ kind: "blocked", error: round.error });
      return;
    }
    failures.current = 0;
    const sent = round.sent;
    // With nothing sent, a "saved at" time stays; the status bar counts what is still unsent.
    setStatus((s) => (sent ? { kind: "saved", at: new Date() } : s.kind === "saved" ? s : { kind: "idle" }));
  }, [adoptOrphans, enabled, refresh, sendAll]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setStatus((s) => (s.kind === "failed" || s.kind === "blocked" ? s : { kind: "pending" }));
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush]);

  const change = useCallback(
    (code: string, patch: Partial<AnswerValue>) => {
      const next = { ...(answersRef.current[code] ?? EMPTY), ...patch };
      setAnswers((all) => ({ ...all, [code]: next }));
      // The tab the user types in owns the indicator's draft from now on.
      store.update(code, (draft) => edit(draft, next, versions.current[code] ?? 0, tab));
      refresh();
      schedule();
    },
    [refresh, schedule, setAnswers, store, tab],
  );

  /** The user's deliberate choice after a conflict: keep their own (newest) value, or take the stored one. */
  const resolve = useCallback(
    (code: string, choice: "mine" | "theirs") => {
      const theirs = store.read(code)?.theirs;
      if (!theirs) return refresh();
      if (choice === "theirs") {
        store.update(code, (draft) => takeTheirs(draft, theirs));
        refresh();
        learn(code, theirs, store.read(code));
        tell({ kind: "taken", code, answer: theirs });
        return;
      }
      // This tab sends it now, whichever tab's save was refused.
      const kept = store.update(code, (draft) => keepMine(draft, tab));
      refresh();
      learn(code, theirs, kept);
      void flush();
    },
    [flush, learn, refresh, store, tab, tell],
  );

  // This tab is open as long as it holds its lock (released by the browser when the tab goes).
  useEffect(() => {
    const locks = webLocks();
    if (!enabled || !locks) return;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    locks.request(TAB_LOCK + tab, () => held).catch(() => undefined);
    return () => release();
  }, [enabled, tab]);

  useEffect(() => {
    if (!enabled) return;
    // Unsent changes from an earlier visit (offline, closed tab, failed save, a conflict left
    // unresolved) come back: shown, adopted from closed tabs, and sent unless they wait for a choice.
    const stored = store.readAll();
    setDrafts(stored);
    if (Object.keys(stored).length > 0) {
      setAnswers((all) => {
        const shown = { ...all };
        for (const [code, draft] of Object.entries(stored)) shown[code] = { ...(all[code] ?? EMPTY), ...answerValue(draft) };
        return shown;
      });
      void adoptOrphans(true).then(() => flush());
    }

    // Another tab of this locus changed a draft: show its value (that tab sends it).
    const onStorage = (event: StorageEvent) => {
      if (!store.concerns(event.key)) return;
      const now = store.readAll();
      setDrafts(now);
      setAnswers((all) => {
        let shown = all;
        for (const [code, draft] of Object.entries(now)) {
          const current = all[code] ?? EMPTY;
          if (current.level !== draft.level || current.justification !== draft.justification)
            shown = { ...shown, [code]: { ...current, ...answerValue(draft) } };
        }
        return shown;
      });
    };
    let received: BroadcastChannel | null = null;
    if (typeof BroadcastChannel !== "undefined") {
      received = new BroadcastChannel(storageKey);
      received.onmessage = (event: MessageEvent<Notice>) => {
        const notice = event.data;
        if (notice.kind === "left") {
          // Its lock goes with the tab, a moment after this message.
          setTimeout(() => void flush(), DEBOUNCE_MS);
          return;
        }
        const draft = notice.kind === "saved" ? updateOwn(notice.code, (own) => acknowledged(own, notice.request, notice.answer)) : store.read(notice.code);
        refresh();
        learn(notice.code, notice.answer, draft);
      };
      channel.current = received;
    }
    const online = () => void flush();
    const leaving = () => tell({ kind: "left" });
    window.addEventListener("storage", onStorage);
    window.addEventListener("online", online);
    window.addEventListener("pagehide", leaving);
    return () => {
      window.removeEventListener("storage", onStorage);
      window.removeEventListener("online", online);
      window.removeEventListener("pagehide", leaving);
      received?.close();
      channel.current = null;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [adoptOrphans, enabled, flush, learn, refresh, setAnswers, store, storageKey, tell, updateOwn]);

  // While another tab's drafts are around, look now and then whether that tab was closed without sending them.
  const foreign = Object.values(drafts).some((draft) => draft.owner !== tab);
  useEffect(() => {
    if (!enabled || !foreign || !webLocks()) return;
    const every = setInterval(() => {
      void adoptOrphans(false).then((adopted) => (adopted > 0 ? flush() : undefined));
    }, ADOPT_EVERY_MS);
    return () => clearInterval(every);
  }, [adoptOrphans, enabled, flush, foreign]);

  // Leaving the page with this tab's changes unsent (or waiting for a choice) warns.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const own = Object.values(store.readAll()).some((draft) => draft.owner === tab);
      if (!own && !running.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [store, tab]);

  const conflicts = useMemo(() => {
    const found: Record<string, Conflict> = {};
    for (const [code, draft] of Object.entries(drafts)) if (draft.theirs) found[code] = { mine: answerValue(draft), theirs: draft.theirs };
    return found;
  }, [drafts]);

  return {
    answers,
    conflicts,
    status,
    /** Changes of this locus not stored yet, in any of its tabs: unsent, in doubt, or waiting for a choice after a conflict. */
    pendingCount: Object.keys(drafts).length,
    conflictCount: Object.keys(conflicts).length,
    change,
    resolve,
    retry: flush,
  };
}
