import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  approvalWithOpenQuestions,
  canEditComment,
  canMarkAsQuestion,
  countOpenQuestions,
  EDIT_WINDOW_MS,
  editableUntil,
  insertMention,
  isConversationOpen,
  isOpenQuestion,
  openQuestionsByIndicator,
  parseMentions,
  questionsAnsweredBy,
} from "@/lib/domain/conversation/rules";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow";

const AT = new Date("2026-08-03T02:00:00.000Z");
const later = (ms: number) => new Date(AT.getTime() + ms);

describe("conversation: the edit window", () => {
  const comment = { authorId: "a", createdAt: AT };

  it("lets the author edit for 5 minutes after posting, both ends included, and never after", () => {
    expect(EDIT_WINDOW_MS).toBe(300_000);
    expect(canEditComment(comment, "a", AT)).toBe(true);
    expect(canEditComment(comment, "a", later(4 * 60_000 + 59_999))).toBe(true);
    expect(canEditComment(comment, "a", later(5 * 60_000))).toBe(true);
    expect(canEditComment(comment, "a", later(5 * 60_000 + 1))).toBe(false);
    expect(editableUntil(AT)).toEqual(later(5 * 60_000));
  });

  it("never lets anyone else edit, at any moment", () => {
    fc.assert(
      fc.property(fc.integer({ min: -EDIT_WINDOW_MS, max: 2 * EDIT_WINDOW_MS }), fc.string({ minLength: 1 }), (offset, other) => {
        fc.pre(other !== "a");
        expect(canEditComment(comment, other, later(offset))).toBe(false);
      }),
    );
  });

  it("agrees with editableUntil for every moment (and refuses a clock before the post)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -EDIT_WINDOW_MS, max: 3 * EDIT_WINDOW_MS }), (offset) => {
        const now = later(offset);
        expect(canEditComment(comment, "a", now)).toBe(offset >= 0 && now.getTime() <= editableUntil(AT).getTime());
      }),
    );
  });

  it("keeps every thread open except a final locus's", () => {
    expect(ASSESSMENT_STATUSES.filter((s) => !isConversationOpen(s))).toEqual(["FINAL"]);
  });
});

describe("conversation: mentions", () => {
  const budi = { id: "u1", name: "Budi" };
  const budiSantoso = { id: "u2", name: "Budi Santoso" };
  const siti = { id: "u3", name: "Siti Rahma (Verifikator)" };
  const people = [budi, budiSantoso, siti];

  it("finds each participant named with @, once, in order of first mention", () => {
    expect(parseMentions("@Siti Rahma (Verifikator) mohon cek. @Budi, juga @siti rahma (verifikator)!", people)).toEqual(["u3", "u1"]);
  });

  it("prefers the longest name that matches, and a shorter one when the longer does not", () => {
    expect(parseMentions("cc @Budi Santoso", people)).toEqual(["u2"]);
    expect(parseMentions("cc @Budi Santosa", people)).toEqual(["u1"]);
  });

  it("needs the @ to start a word and the name to end one (no e-mail address, no longer word)", () => {
    expect(parseMentions("kirim ke budi@Budi.id", people)).toEqual([]);
    expect(parseMentions("@Budiman datang", people)).toEqual([]);
    expect(parseMentions("(@Budi)", people)).toEqual(["u1"]);
    expect(parseMentions("@", people)).toEqual([]);
    expect(parseMentions("@Bud", people)).toEqual([]);
  });

  it("never names someone who is not a participant, and finds nothing in a text without @", () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,20}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id: fc.uuid(), name }), { selector: (p) => p.id, maxLength: 6 }), fc.string(), (participants, text) => {
        const found = parseMentions(text, participants);
        expect(found.every((id) => participants.some((p) => p.id === id))).toBe(true);
        expect(new Set(found).size).toBe(found.length);
        if (!text.includes("@")) expect(found).toEqual([]);
      }),
    );
  });

  it("finds every participant inserted with insertMention, whatever the text around it", () => {
    const name = fc.stringMatching(/^[A-Za-z]{2,12}( [A-Za-z]{2,12})?$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.uuid(), name }), { selector: (p) => p.name.toLowerCase(), minLength: 1, maxLength: 5 }),
        fc.array(fc.stringMatching(/^[^@]{0,15}$/), { minLength: 1, maxLength: 5 }),
        (participants, words) => {
          let text = words[0]!;
          for (const [i, p] of participants.entries()) {
            text = insertMention(text, { start: text.length, end: text.length }, p.name).text;
            text += words[(i + 1) % words.length]!.replace(/^[\p{L}\p{N}_]/u, " ");
          }
          // A longer participant name may start with a shorter one followed by a space; either is a participant, the set is what matters.
          const found = parseMentions(text, participants);
          for (const p of participants) {
            const longer = participants.some((q) => q !== p && q.name.toLowerCase().startsWith(`${p.name.toLowerCase()} `));
            if (!longer) expect(found).toContain(p.id);
          }
        },
      ),
    );
  });

  it("inserts a mention at the caret with the spaces it needs, and puts the caret after it", () => {
    expect(insertMention("", { start: 0, end: 0 }, "Budi")).toEqual({ text: "@Budi ", caret: 6 });
    expect(insertMention("Halo", { start: 4, end: 4 }, "Budi")).toEqual({ text: "Halo @Budi ", caret: 11 });
    expect(insertMention("Halo tim", { start: 5, end: 8 }, "Budi")).toEqual({ text: "Halo @Budi ", caret: 11 });
    expect(insertMention("a b", { start: 99, end: 99 }, "X")).toEqual({ text: "a b @X ", caret: 7 });
  });
});

describe("conversation: questions", () => {
  const q = (id: string, minutes: number, resolved = false) => ({
    id,
    isQuestion: true,
    resolvedAt: resolved ? later(minutes * 60_000 + 1) : null,
    createdAt: later(minutes * 60_000),
  });
  const note = (id: string, minutes: number) => ({ id, isQuestion: false, resolvedAt: null, createdAt: later(minutes * 60_000) });

  it("counts open questions, per locus and per indicator", () => {
    const comments = [
      { ...q("a", 0), indicatorCode: "1.a.Ak" },
      { ...q("b", 1, true), indicatorCode: "1.a.Ak" },
      { ...note("c", 2), indicatorCode: "1.a.Ak" },
      { ...q("d", 3), indicatorCode: "2.b.K" },
      { ...q("e", 4), indicatorCode: "1.a.Ak" },
    ];
    expect(countOpenQuestions(comments)).toBe(3);
    expect(openQuestionsByIndicator(comments)).toEqual({ "1.a.Ak": 2, "2.b.K": 1 });
    expect(isOpenQuestion(comments[1]!)).toBe(false);
  });

  it("closes, with the unit's reply, every open question asked before it; a verifier's reply closes none", () => {
    const thread = [q("a", 0), q("b", 1, true), note("c", 2), q("d", 3), q("e", 10)];
    expect(questionsAnsweredBy(thread, { authorRole: "EVALUATOR", createdAt: later(5 * 60_000) })).toEqual(["a", "d"]);
    expect(questionsAnsweredBy(thread, { authorRole: "VERIFIER", createdAt: later(20 * 60_000) })).toEqual([]);
    expect(questionsAnsweredBy(thread, { authorRole: "HEAD", createdAt: later(20 * 60_000) })).toEqual([]);
  });

  it("after the unit's reply, no question asked before it is open (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: 0, max: 60 }), isQuestion: fc.boolean(), resolved: fc.boolean() })),
        fc.integer({ min: 0, max: 60 }),
        (rows, replyMinute) => {
          const thread = rows.map((r, i) => (r.isQuestion ? q(String(i), r.minute, r.resolved) : note(String(i), r.minute)));
          const reply = { authorRole: "EVALUATOR" as const, createdAt: later(replyMinute * 60_000) };
          const answered = new Set(questionsAnsweredBy(thread, reply));
          const after = thread.map((c) => (answered.has(c.id) ? { ...c, resolvedAt: reply.createdAt } : c));
          expect(after.filter((c) => isOpenQuestion(c) && c.createdAt <= reply.createdAt)).toEqual([]);
          expect(countOpenQuestions(after)).toBe(countOpenQuestions(thread) - answered.size);
        },
      ),
    );
  });

  it("lets a verifier mark only a verifier's comment that is not a question yet", () => {
    expect(canMarkAsQuestion({ authorRole: "VERIFIER", isQuestion: false })).toBe(true);
    expect(canMarkAsQuestion({ authorRole: "VERIFIER", isQuestion: true })).toBe(false);
    expect(canMarkAsQuestion({ authorRole: "EVALUATOR", isQuestion: false })).toBe(false);
  });

  it("asks for confirmation of an approval only while questions are open", () => {
    expect(approvalWithOpenQuestions(0, false)).toEqual({ ok: true });
    expect(approvalWithOpenQuestions(2, false)).toEqual({ ok: false, openQuestions: 2 });
    expect(approvalWithOpenQuestions(2, true)).toEqual({ ok: true });
  });
});
