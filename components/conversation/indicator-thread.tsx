"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/input";
import { COMMENT_MAX, canMarkAsQuestion, insertMention, isOpenQuestion } from "@/lib/domain/conversation/rules";
import { EVIDENCE_ACCEPT } from "@/lib/domain/evidence/file-types";
import { evidenceDownloadUrl } from "@/lib/domain/evidence/view";
import { editCommentAction, markQuestionAction, resolveQuestionAction } from "@/lib/server/conversation/actions";
import type { CommentView, ParticipantView, PostedComment } from "@/lib/server/conversation/views";
import { MOMENT } from "@/lib/i18n/formats";

export interface IndicatorThreadProps {
  assessmentId: string;
  indicatorCode: string;
  comments: CommentView[];
  participants: ParticipantView[];
  viewerId: string;
  canPost: boolean;
  canAsk: boolean;
  /** False once the locus is final (read-only threads). */
  open: boolean;
  /** The server's evidence size limit, to refuse a larger attachment before sending it. */
  maxBytes: number;
  /** Shown as a disclosure (the workspace's 31 cards), or always open (the review's one indicator). */
  collapsible?: boolean;
}

interface Problem {
  key: string;
  values?: Record<string, string | number>;
  ref?: string;
}

/**
 * The conversation on one indicator (docs/domain.md §3.8): the comments of every round, oldest
 * first, each with its round, author, question state, mentions and attachment; for a participant
 * a form to write one (with @mention and an optional file; a verifier may ask it as a question),
 * the author's edit within five minutes, and a verifier's "mark as question" and "mark resolved".
 * New comments are announced politely; after a change the page is refreshed so the locus's count
 * of open questions follows.
 */
export function IndicatorThread(props: IndicatorThreadProps) {
  const t = useTranslations("conversation");
  const tAll = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const [comments, setComments] = useState(props.comments);
  // A refresh of the page brings the server's list: it replaces the local one.
  const [source, setSource] = useState(props.comments);
  if (source !== props.comments) {
    setSource(props.comments);
    setComments(props.comments);
  }
  const [body, setBody] = useState("");
  const [asQuestion, setAsQuestion] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState("");
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [itemProblem, setItemProblem] = useState<{ id: string; problem: Problem } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const editRef = useRef<HTMLTextAreaElement>(null);
  const focusAfter = useRef<string | null>(null);

  // The edit buttons go when their five minutes are over: re-render at the next deadline.
  const nextDeadline = comments
    .filter((c) => c.authorId === props.viewerId)
    .map((c) => Date.parse(c.editableUntil))
    .filter((until) => until > now)
    .sort((a, b) => a - b)[0];
  useEffect(() => {
    if (nextDeadline === undefined) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, nextDeadline - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [nextDeadline]);

  // A link to this indicator (`#indikator-<code>` from the locus header, `#indicator-<code>` from a
  // notification) opens the thread, brings it into view and gives it the focus.
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const reveal = () => {
      const hash = decodeURIComponent(window.location.hash);
      if (hash !== `#indikator-${props.indicatorCode}` && hash !== `#indicator-${props.indicatorCode}`) return;
      const section = sectionRef.current;
      const details = section?.querySelector("details");
      if (details) details.open = true;
      section?.scrollIntoView({ block: "start" });
      section?.focus({ preventScroll: true });
    };
    reveal();
    window.addEventListener("hashchange", reveal);
    return () => window.removeEventListener("hashchange", reveal);
  }, [props.indicatorCode]);

  useEffect(() => {
    if (editing) editRef.current?.focus();
  }, [editing]);
  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  // Sizes in a refusal (an attachment over the limit) are shown as the evidence panel shows them.
  const size = (bytes: number) =>
    bytes < 1024
      ? tAll("evidence.sizeBytes", { value: format.number(bytes) })
      : bytes < 1024 * 1024
        ? tAll("evidence.sizeKilobytes", { value: format.number(bytes / 1024, { maximumFractionDigits: 0 }) })
        : tAll("evidence.sizeMegabytes", { value: format.number(bytes / (1024 * 1024), { maximumFractionDigits: 1 }) });
  const message = (p: Problem) => {
    const values = Object.fromEntries(
      Object.entries(p.values ?? {}).map(([k, v]) => [k, (k === "size" || k === "limit") && typeof v === "number" ? size(v) : v]),
    );
    return p.key && tAll.has(p.key) ? tAll(p.key, { ...values, ref: p.ref ?? "-" }) : tAll("errors.unexpected", { ref: p.ref ?? "-" });
  };
  const commentDomId = (commentId: string) => `komentar-${commentId}`;
  const others = props.participants.filter((p) => p.id !== props.viewerId);
  const canWrite = props.canPost && props.open;
  const openCount = comments.filter(isOpenQuestion).length;

  function replace(updated: CommentView) {
    setComments((current) => current.map((c) => (c.id === updated.id ? updated : c)));
  }

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setProblem({ key: "conversation.bodyRequired" });
      textareaRef.current?.focus();
      return;
    }
    const file = fileRef.current?.files?.[0];
    if (file && file.size > props.maxBytes) {
      setProblem({ key: "evidence.fileTooLarge", values: { name: file.name, size: file.size, limit: props.maxBytes } });
      return;
    }
    setProblem(null);
    setSending(true);
    setStatus(t("sending"));
    let request: RequestInit;
    if (file) {
      const form = new FormData();
      form.append("indicatorCode", props.indicatorCode);
      form.append("body", text);
      form.append("asQuestion", String(asQuestion));
      form.append("file", file);
      request = { method: "POST", body: form, headers: { accept: "application/json" } };
    } else {
      request = {
        method: "POST",
        body: JSON.stringify({ indicatorCode: props.indicatorCode, body: text, asQuestion }),
        headers: { "content-type": "application/json", accept: "application/json" },
      };
    }
    try {
      const response = await fetch(`/api/assessments/${props.assessmentId}/comments`, request);
      const json = (await response.json().catch(() => null)) as (PostedComment & { error?: string; values?: Problem["values"] }) | null;
      if (response.status === 201 && json?.comment) {
        const answered = new Set(json.answeredQuestionIds);
        setComments((current) => [
          ...current.map((c) =>
            answered.has(c.id) ? { ...c, resolvedAt: json.comment.createdAt, resolvedByName: json.comment.authorName, answerId: json.comment.id } : c,
          ),
          json.comment,
        ]);
        setBody("");
        setAsQuestion(false);
        if (fileRef.current) fileRef.current.value = "";
        setStatus(answered.size > 0 ? t("sentAnswered", { count: answered.size }) : t("sent"));
        textareaRef.current?.focus();
        router.refresh();
      } else {
        setStatus("");
        setProblem({ key: json?.error ?? "errors.unexpected", values: json?.values, ref: typeof json?.values?.ref === "string" ? json.values.ref : undefined });
      }
    } catch {
      setStatus("");
      setProblem({ key: "conversation.networkError" });
    } finally {
      setSending(false);
    }
  }

  async function change(
    commentId: string,
    run: () => Promise<{ data?: CommentView; serverError?: unknown; validationErrors?: unknown } | undefined>,
    done: string,
  ) {
    setItemProblem(null);
    setBusyId(commentId);
    try {
      const result = await run();
      if (result?.data) {
        replace(result.data);
        setStatus(done);
        focusAfter.current = commentDomId(commentId);
        router.refresh();
        return true;
      }
      const error = result?.serverError as Problem | undefined;
      const validation = result?.validationErrors as { fieldErrors?: Record<string, string[]> } | undefined;
      const key = error?.key ?? Object.values(validation?.fieldErrors ?? {})[0]?.[0] ?? "validation.invalid";
      setItemProblem({ id: commentId, problem: error?.key ? error : { key } });
    } catch {
      setItemProblem({ id: commentId, problem: { key: "conversation.networkError" } });
    } finally {
      setBusyId(null);
    }
    return false;
  }

  function mention(participantId: string) {
    const participant = others.find((p) => p.id === participantId);
    const area = textareaRef.current;
    if (!participant || !area) return;
    const next = insertMention(body, { start: area.selectionStart, end: area.selectionEnd }, participant.name);
    setBody(next.text.slice(0, COMMENT_MAX));
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(next.caret, next.caret);
    });
  }

  const titleId = `${id}-title`;
  const listId = `${id}-list`;
  const textId = `${id}-text`;
  const hintId = `${id}-hint`;
  const mentionId = `${id}-mention`;
  const fileId = `${id}-file`;
  const questionId = `${id}-question`;

  const content = (
    <div className="mt-2 space-y-3">
      <p className="text-xs text-slate-600">{t("between")}</p>
      {!props.open ? <p className="text-sm text-slate-700">{t("closedNotice")}</p> : null}
      {comments.length === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : null}
      <ol id={listId} aria-label={t("listLabel", { code: props.indicatorCode })} aria-live="polite" aria-relevant="additions" className="space-y-2">
        {comments.map((comment) => {
          const mine = comment.authorId === props.viewerId;
          const editable = mine && canWrite && Date.parse(comment.editableUntil) > now;
          const question = comment.isQuestion ? (isOpenQuestion(comment) ? "open" : "closed") : "none";
          const isEditing = editing?.id === comment.id;
          const errorId = `${id}-${comment.id}-error`;
          return (
            <li
              key={comment.id}
              id={commentDomId(comment.id)}
              tabIndex={-1}
              className={`rounded-md border px-3 py-2 text-sm ${question === "open" ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white"}`}
              data-testid="comment"
              data-question={question}
              data-id={comment.id}
            >
              <p className="flex flex-wrap gap-x-2 text-xs text-slate-600">
                <span className="font-medium text-slate-800" data-testid="comment-author">
                  {t("by", { name: comment.authorName, role: tAll(`roles.${comment.authorRole}`) })}
                </span>
                <time dateTime={comment.createdAt}>{format.dateTime(new Date(comment.createdAt), MOMENT)}</time>
                <span data-testid="comment-round">{t("round", { round: comment.round })}</span>
                {comment.editedAt ? <span>{t("edited", { date: format.dateTime(new Date(comment.editedAt), { timeStyle: "short" }) })}</span> : null}
              </p>
              {question !== "none" ? (
                <p className={`mt-1 text-xs font-medium ${question === "open" ? "text-amber-900" : "text-emerald-800"}`} data-testid="comment-question">
                  {question === "open"
                    ? t("questionOpen")
                    : comment.answerId
                      ? t("questionAnswered", { name: comment.resolvedByName ?? "?" })
                      : t("questionResolved", { name: comment.resolvedByName ?? "?" })}
                </p>
              ) : null}
              {isEditing ? (
                <form
                  className="mt-2 space-y-2"
                  onSubmit={async (event) => {
                    event.preventDefault();
                    const ok = await change(comment.id, () => editCommentAction({ commentId: comment.id, body: editing.body }), t("saved"));
                    if (ok) setEditing(null);
                  }}
                >
                  <label htmlFor={`${id}-edit`} className="block text-xs font-medium">
                    {t("editLabel")}
                  </label>
                  <Textarea
                    id={`${id}-edit`}
                    ref={editRef}
                    rows={3}
                    maxLength={COMMENT_MAX}
                    value={editing.body}
                    onChange={(event) => setEditing({ id: comment.id, body: event.target.value })}
                    aria-describedby={itemProblem?.id === comment.id ? errorId : undefined}
                    className="text-sm"
                  />
                  <div className="flex gap-2">
                    <Button type="submit" size="sm" disabled={busyId === comment.id}>
                      {t("save")}
                    </Button>
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => {
                        setEditing(null);
                        focusAfter.current = commentDomId(comment.id);
                      }}
                    >
                      {t("cancel")}
                    </Button>
                  </div>
                </form>
              ) : (
                <p className="mt-1 whitespace-pre-wrap break-words" data-testid="comment-body">
                  {comment.body}
                </p>
              )}
              {comment.mentions.length > 0 ? (
                <p className="mt-1 text-xs text-slate-600">{t("mentions", { names: comment.mentions.map((m) => m.name).join(", ") })}</p>
              ) : null}
              {comment.attachments.map((item) => (
                <p key={item.id} className="mt-1 text-xs">
                  <a href={evidenceDownloadUrl(item.id)} className="break-all text-brand-700 underline underline-offset-2">
                    {t("attachment", { name: item.safeName ?? "" })}
                  </a>
                </p>
              ))}
              {itemProblem?.id === comment.id ? (
                <p id={errorId} role="alert" className="mt-1 text-xs text-red-800">
                  {message(itemProblem.problem)}
                </p>
              ) : null}
              {!isEditing && (editable || (props.canAsk && props.open)) ? (
                <div className="mt-2 flex flex-wrap gap-2">
                  {editable ? (
                    <Button
                      variant="secondary"
                      size="xs"
                      aria-label={t("editComment", { name: comment.authorName })}
                      onClick={() => setEditing({ id: comment.id, body: comment.body })}
                    >
                      {t("edit")}
                    </Button>
                  ) : null}
                  {props.canAsk && props.open && canMarkAsQuestion(comment) ? (
                    <Button
                      variant="secondary"
                      size="xs"
                      disabled={busyId === comment.id}
                      onClick={() => void change(comment.id, () => markQuestionAction({ commentId: comment.id }), t("marked"))}
                    >
                      {t("markQuestion")}
                    </Button>
                  ) : null}
                  {props.canAsk && props.open && question === "open" ? (
                    <Button
                      variant="secondary"
                      size="xs"
                      disabled={busyId === comment.id}
                      onClick={() => void change(comment.id, () => resolveQuestionAction({ commentId: comment.id }), t("resolved"))}
                    >
                      {t("resolve")}
                    </Button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>

      {canWrite ? (
        <form onSubmit={send} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="comment-form" noValidate>
          <label htmlFor={textId} className="block text-sm font-medium">
            {t("compose", { code: props.indicatorCode })}
          </label>
          <Textarea
            id={textId}
            ref={textareaRef}
            rows={3}
            maxLength={COMMENT_MAX}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-describedby={problem ? `${hintId} ${id}-problem` : hintId}
            aria-invalid={problem?.key.startsWith("conversation.body") ? true : undefined}
            className="text-sm"
          />
          <p id={hintId} className="text-xs text-slate-600">
            {t("composeHint")}
          </p>
          <div className="flex flex-wrap items-end gap-3">
            {others.length > 0 ? (
              <div>
                <label htmlFor={mentionId} className="block text-xs font-medium">
                  {t("mentionPick")}
                </label>
                <Select
                  id={mentionId}
                  compact
                  value=""
                  onChange={(event) => {
                    mention(event.target.value);
                    event.target.value = "";
                  }}
                  className="text-sm"
                >
                  <option value="">{t("mentionPlaceholder")}</option>
                  {others.map((p) => (
                    <option key={p.id} value={p.id}>
                      {t("by", { name: p.name, role: tAll(`roles.${p.role}`) })}
                    </option>
                  ))}
                </Select>
              </div>
            ) : null}
            <div>
              <label htmlFor={fileId} className="block text-xs font-medium">
                {t("attach")}
              </label>
              <Input id={fileId} ref={fileRef} type="file" accept={EVIDENCE_ACCEPT} compact className="text-sm" />
            </div>
          </div>
          {props.canAsk ? (
            <div className="flex items-center gap-2 text-sm">
              <input id={questionId} type="checkbox" checked={asQuestion} onChange={(event) => setAsQuestion(event.target.checked)} className="h-4 w-4" />
              <label htmlFor={questionId}>{t("asQuestion")}</label>
            </div>
          ) : null}
          {problem ? (
            <p id={`${id}-problem`} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {message(problem)}
            </p>
          ) : null}
          <Button type="submit" size="sm" disabled={sending}>
            {sending ? t("sending") : t("send")}
          </Button>
        </form>
      ) : null}
      <p role="status" className="sr-only">
        {status}
      </p>
    </div>
  );

  const heading = (
    <span id={titleId}>
      {t("summary", { count: comments.length })}
      {openCount > 0 ? (
        <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("summaryOpen", { count: openCount })}</span>
      ) : null}
    </span>
  );

  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      aria-label={t("title", { code: props.indicatorCode })}
      className="mt-4 scroll-mt-24 rounded-md border border-slate-200 p-3"
      data-testid="thread"
      data-code={props.indicatorCode}
      data-open-questions={openCount}
    >
      {props.collapsible ? (
        <details open={comments.length > 0 || undefined}>
          <summary className="cursor-pointer text-sm font-semibold">{heading}</summary>
          {content}
        </details>
      ) : (
        <>
          <h3 className="text-sm font-semibold">{heading}</h3>
          {content}
        </>
      )}
    </section>
  );
}
