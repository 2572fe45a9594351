import { getTranslations } from "next-intl/server";
import { fileNameSlug } from "@/lib/domain/export-files";
import { z } from "zod";
import { toDecimalString } from "@/lib/domain/rational";
import { ZExportFormat } from "@/lib/schemas/results";
import { loadLocusExport } from "@/lib/server/assessment/locus-export";
import { downloadResponse, tableToFile, type ExportColumn } from "@/lib/server/http/table-file";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";

type Row = {
  aspect: string;
  code: string;
  indicator: string;
  weight: number | string;
  selfLevel: number | string | null;
  justification: string;
  verifiedLevel: number | string | null;
  verifierNote: string;
  evidence: string;
};

/** One locus's full assessment (levels, notes, evidence list, scores) as XLSX or CSV. */
export const GET = authorizedRoute("/api/assessments/[id]/export", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const format = ZExportFormat.catch("xlsx").parse(request.nextUrl.searchParams.get("format"));
  const data = await loadLocusExport(actor, params.id);
  if (!data) return errorResponse(404, "errors.notFound");
  const t = await getTranslations("locusExport");
  const published = (value: Parameters<typeof toDecimalString>[0]) => toDecimalString(value, 2);
  const summary = (label: string, self: string | null, verified: string | null): Row => ({
    aspect: t("summary"),
    code: "",
    indicator: label,
    weight: "",
    selfLevel: self,
    justification: "",
    verifiedLevel: verified,
    verifierNote: "",
    evidence: "",
  });
  const rows: Row[] = [
    ...data.rows.map((r) => ({ ...r, evidence: r.evidence.join("; ") })),
    summary(t("selfF02"), published(data.self.f02.total), null),
    summary(t("verifiedF02"), null, data.verified ? published(data.verified.f02.total) : null),
    summary(
      t("f03", { count: data.self.f03.respondents }),
      data.self.f03.score ? published(data.self.f03.score) : null,
      data.verified?.f03.score ? published(data.verified.f03.score) : null,
    ),
    summary(t("index"), data.self.classification.published, data.verified?.classification.published ?? null),
    summary(t("grade"), data.self.classification.grade, data.verified?.classification.grade ?? null),
  ];
  const columns: ExportColumn<Row>[] = [
    { header: t("aspect"), value: (r) => r.aspect, width: 28 },
    { header: t("code"), value: (r) => r.code, width: 10 },
    { header: t("indicator"), value: (r) => r.indicator, width: 40 },
    { header: t("weight"), value: (r) => r.weight, width: 10 },
    { header: t("selfLevel"), value: (r) => r.selfLevel, width: 12 },
    { header: t("justification"), value: (r) => r.justification, width: 50 },
    { header: t("verifiedLevel"), value: (r) => r.verifiedLevel, width: 12 },
    { header: t("verifierNote"), value: (r) => r.verifierNote, width: 40 },
    { header: t("evidence"), value: (r) => r.evidence, width: 50 },
  ];
  const file = await tableToFile({ sheetName: data.assessment.locusName, columns, rows }, format);
  const slug = fileNameSlug(data.assessment.institutionName, data.assessment.locusName, data.assessment.cycleName);
  return downloadResponse(file, `penilaian-${slug}.${format}`, format);
});
