import type { PreCheckEvidence, PreCheckFacts, PreCheckRule } from "./types";

/** A justification repeated word for word on this many indicators or more is flagged. */
export const REPEATED_JUSTIFICATION_MIN = 3;

/** Case, punctuation and spacing do not make a text different (a copy with a full stop added is a copy). */
export function normaliseText(text: string) {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const byIndicator = (facts: PreCheckFacts) => {
  const map = new Map<string, PreCheckEvidence[]>();
  for (const e of facts.evidence) map.set(e.indicatorCode, [...(map.get(e.indicatorCode) ?? []), e]);
  return map;
};

const aspectOf = (facts: PreCheckFacts) => new Map(facts.indicators.map((i) => [i.code, i.aspectCode]));

const codes = (list: Iterable<string>) => [...new Set(list)].sort().join(", ");

function hostOf(url: string) {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The rules, as data (docs/domain.md §8.1). Each has a stable id (stored with its flags, switched
 * off per cycle, and the key of its message), a severity, and a check that returns its flags with
 * the concrete values the message shows. Adding a rule is adding a row here and its message.
 */
export const PRE_CHECK_RULES: readonly PreCheckRule[] = [
  {
    id: "LEVEL_WITHOUT_EVIDENCE",
    severity: "high",
    check: (facts) => {
      const evidence = byIndicator(facts);
      return facts.answers
        .filter((a) => a.level !== null && a.level > 0 && !evidence.has(a.indicatorCode))
        .map((a) => ({ indicatorCode: a.indicatorCode, evidenceId: null, params: { level: a.level ?? 0 } }));
    },
  },
  {
    id: "FILE_USED_BY_OTHER_INSTITUTION",
    severity: "high",
    check: (facts) =>
      facts.evidence.flatMap((e) => {
        if (!e.sha256) return [];
        const loci = new Set(facts.otherUses.filter((u) => u.sha256 === e.sha256 && u.otherInstitution).map((u) => u.assessmentId));
        return loci.size === 0 ? [] : [{ indicatorCode: e.indicatorCode, evidenceId: e.id, params: { name: e.label, loci: loci.size } }];
      }),
  },
  {
    id: "FILE_REUSED_ACROSS_INDICATORS",
    severity: "medium",
    // The same file for indicators of another aspect, in this locus or another of the institution's:
    // one decree can serve the indicators of one aspect; across aspects it is worth a look.
    check: (facts) => {
      const aspects = aspectOf(facts);
      return facts.evidence.flatMap((e) => {
        if (!e.sha256) return [];
        const aspect = aspects.get(e.indicatorCode);
        const here = facts.evidence.filter((o) => o.sha256 === e.sha256 && aspects.get(o.indicatorCode) !== aspect).map((o) => o.indicatorCode);
        const elsewhere = facts.otherUses.filter((u) => u.sha256 === e.sha256 && !u.otherInstitution && u.aspectCode !== aspect).map((u) => u.indicatorCode);
        const others = [...here, ...elsewhere];
        return others.length === 0 ? [] : [{ indicatorCode: e.indicatorCode, evidenceId: e.id, params: { name: e.label, indicators: codes(others) } }];
      });
    },
  },
  {
    id: "EVIDENCE_AFTER_DEADLINE",
    severity: "medium",
    check: (facts) => {
      const deadline = facts.deadline;
      if (!deadline) return [];
      return facts.evidence
        .filter((e) => Date.parse(e.uploadedAt) > Date.parse(deadline))
        .map((e) => ({ indicatorCode: e.indicatorCode, evidenceId: e.id, params: { name: e.label, uploadedAt: e.uploadedAt, deadline } }));
    },
  },
  {
    id: "FILE_UNREADABLE",
    severity: "high",
    check: (facts) =>
      facts.evidence.flatMap((e) =>
        e.kind === "FILE" && e.fileState && e.fileState !== "ok"
          ? [{ indicatorCode: e.indicatorCode, evidenceId: e.id, params: { name: e.label, problem: e.fileState } }]
          : [],
      ),
  },
  {
    id: "LINK_NOT_HTTP",
    severity: "high",
    check: (facts) =>
      facts.evidence
        .filter((e) => e.kind === "LINK" && !/^https?:$/.test(safeProtocol(e.url ?? "")))
        .map((e) => ({ indicatorCode: e.indicatorCode, evidenceId: e.id, params: { name: e.label } })),
  },
  {
    id: "LINK_TO_PORTAL",
    severity: "medium",
    check: (facts) =>
      facts.evidence
        .filter((e) => e.kind === "LINK" && facts.portalHosts.includes(hostOf(e.url ?? "") ?? ""))
        .map((e) => ({ indicatorCode: e.indicatorCode, evidenceId: e.id, params: { name: e.label } })),
  },
  {
    id: "JUSTIFICATION_EMPTY",
    severity: "medium",
    check: (facts) =>
      facts.answers
        .filter((a) => a.level !== null && normaliseText(a.justification) === "")
        .map((a) => ({ indicatorCode: a.indicatorCode, evidenceId: null, params: {} })),
  },
  {
    id: "JUSTIFICATION_COPIED_FROM_RUBRIC",
    severity: "medium",
    // Equal to a level's rubric text, once case, punctuation and spacing are set aside.
    check: (facts) => {
      const rubrics = new Map(facts.indicators.map((i) => [i.code, i.rubric.map(normaliseText)]));
      return facts.answers.flatMap((a) => {
        const text = normaliseText(a.justification);
        const level = text === "" ? -1 : (rubrics.get(a.indicatorCode) ?? []).indexOf(text);
        return level < 0 ? [] : [{ indicatorCode: a.indicatorCode, evidenceId: null, params: { rubricLevel: level } }];
      });
    },
  },
  {
    id: "JUSTIFICATION_REPEATED",
    severity: "low",
    check: (facts) => {
      const groups = new Map<string, string[]>();
      for (const a of facts.answers) {
        const text = normaliseText(a.justification);
        if (text !== "") groups.set(text, [...(groups.get(text) ?? []), a.indicatorCode]);
      }
      return [...groups.values()]
        .filter((group) => group.length >= REPEATED_JUSTIFICATION_MIN)
        .flatMap((group) =>
          group.map((code) => ({ indicatorCode: code, evidenceId: null, params: { count: group.length, indicators: codes(group.filter((c) => c !== code)) } })),
        );
    },
  },
];

export const PRE_CHECK_RULE_IDS = PRE_CHECK_RULES.map((r) => r.id);

function safeProtocol(url: string) {
  try {
    return new URL(url).protocol;
  } catch {
    return "";
  }
}
