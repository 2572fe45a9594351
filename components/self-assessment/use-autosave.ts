"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { SavedAnswer } from "@/lib/schemas/self-assessment";

export interface AnswerValue {
  level: number | null;
  justification: string;
}

/** An answer as the server stored it. */
export type StoredAnswer = SavedAnswer;

interface PendingEntry extends AnswerValue {
  baseVersion: number;
}

export interface Conflict {
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

function readStored(key: string): Record<string, PendingEntry> {
  try {
    return JSON.parse(window.localStorage.getItem(key) ?? "{}") as Record<string, PendingEntry>;
  } catch {
    return {};
  }
}

const same = (a: AnswerValue, b: AnswerValue) => a.level === b.level && a.justification === b.justification;

/**
 * Autosave of a locus's answers: every change is kept in the browser (localStorage) first, sent
 * within about a second, re-sent after a failure or when the connection returns, and never
 * overwrites a newer answer silently (a stale version comes back as a conflict to resolve).
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
  // The source of truth for the queue logic; state only mirrors it for rendering.
  const answersRef = useRef(initial);
  const setAnswers = useCallback((update: (all: Record<string, StoredAnswer>) => Record<string, StoredAnswer>) => {
    answersRef.current = update(answersRef.current);
    setAnswersState(answersRef.current);
  }, []);
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [pendingCount, setPendingCount] = useState(0);
  const pending = useRef<Record<string, PendingEntry>>({});
  const versions = useRef<Record<string, number>>(Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, v.version])));
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);

  const storageKey = `${target.storagePrefix}.${assessmentId}`;
  const persist = useCallback(() => {
    const entries = pending.current;
    if (Object.keys(entries).length === 0) window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, JSON.stringify(entries));
    setPendingCount(Object.keys(entries).length);
  }, [storageKey]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current || !enabled) return;
    const queue = Object.entries(pending.current);
    if (queue.length === 0) return;
    inFlight.current = true;
    setStatus({ kind: "saving" });
    let failed = false;
    try {
      for (const [code, entry] of queue) {
        const sent: AnswerValue = { level: entry.level, justification: entry.justification };
        let response: Response;
        try {
          response = await fetch(target.endpoint, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ indicatorCode: code, level: sent.level, [target.textField]: sent.justification, baseVersion: entry.baseVersion }),
          });
        } catch {
          failed = true;
          break;
        }
        const body = (await response.json().catch(() => ({}))) as {
          answer?: StoredAnswer;
          current?: StoredAnswer;
          error?: string;
          values?: Record<string, string | number>;
        };
        if (response.ok && body.answer) {
          const saved = body.answer;
          versions.current[code] = saved.version;
          const latest = pending.current[code];
          if (latest && same(latest, sent)) delete pending.current[code];
          else if (latest) latest.baseVersion = saved.version; // typed on while this one travelled
          setAnswers((all) => ({ ...all, [code]: { ...saved, ...(latest && !same(latest, sent) ? latest : {}) } }));
        } else if (response.status === 409 && body.current) {
          const theirs = body.current;
          delete pending.current[code];
          setConflicts((all) => ({ ...all, [code]: { mine: sent, theirs } }));
        } else if (response.status >= 500) {
          failed = true;
          break;
        } else {
          // Refused for a reason more retries will not change (locked, deadline passed, signed out).
          persist();
          setStatus({ kind: "blocked", error: { key: body.error ?? "errors.unexpected", values: body.values } });
          return;
        }
      }
    } finally {
      inFlight.current = false;
      persist();
    }
    if (failed) {
      const delay = RETRY_MS[Math.min(failures.current, RETRY_MS.length - 1)]!;
      failures.current += 1;
      setStatus({ kind: "failed", offline: typeof navigator !== "undefined" && !navigator.onLine });
      timer.current = setTimeout(() => void flush(), delay);
      return;
    }
    failures.current = 0;
    if (Object.keys(pending.current).length > 0) {
      void flush();
    } else {
      setStatus({ kind: "saved", at: new Date() });
    }
  }, [enabled, persist, setAnswers, target.endpoint, target.textField]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setStatus((s) => (s.kind === "failed" || s.kind === "blocked" ? s : { kind: "pending" }));
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush]);

  const change = useCallback(
    (code: string, patch: Partial<AnswerValue>) => {
      setAnswers((all) => {
        const current = all[code] ?? { level: null, justification: "", version: 0, updatedAt: "", updatedBy: null };
        const next = { ...current, ...patch };
        pending.current[code] = {
          level: next.level,
          justification: next.justification,
          baseVersion: pending.current[code]?.baseVersion ?? versions.current[code] ?? 0,
        };
        return { ...all, [code]: next };
      });
      persist();
      schedule();
    },
    [persist, schedule, setAnswers],
  );

  /** The user's deliberate choice after a conflict: keep their own value, or take the stored one. */
  const resolve = useCallback(
    (code: string, choice: "mine" | "theirs") => {
      const conflict = conflicts[code];
      if (!conflict) return;
      versions.current[code] = conflict.theirs.version;
      setConflicts(({ [code]: _resolved, ...rest }) => rest);
      if (choice === "theirs") {
        setAnswers((all) => ({ ...all, [code]: conflict.theirs }));
        return;
      }
      pending.current[code] = { ...conflict.mine, baseVersion: conflict.theirs.version };
      setAnswers((all) => ({ ...all, [code]: { ...conflict.theirs, ...conflict.mine } }));
      persist();
      void flush();
    },
    [conflicts, flush, persist, setAnswers],
  );

  // Unsent changes from an earlier visit (offline, closed tab, failed save) come back and are re-sent.
  useEffect(() => {
    if (!enabled) return;
    const stored = readStored(storageKey);
    if (Object.keys(stored).length === 0) return;
    pending.current = stored;
    setAnswers((all) => {
      const next = { ...all };
      for (const [code, entry] of Object.entries(stored)) {
        next[code] = { ...(all[code] ?? { version: 0, updatedAt: "", updatedBy: null }), level: entry.level, justification: entry.justification };
      }
      return next;
    });
    persist();
    void flush();
  }, [storageKey, enabled, flush, persist, setAnswers]);

  useEffect(() => {
    const retry = () => void flush();
    const warn = (event: BeforeUnloadEvent) => {
      if (Object.keys(pending.current).length === 0 && !inFlight.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("online", retry);
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("online", retry);
      window.removeEventListener("beforeunload", warn);
    };
  }, [flush]);

  return { answers, conflicts, status, pendingCount, change, resolve, retry: flush };
}
