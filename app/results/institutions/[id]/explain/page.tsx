import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ExplainTree } from "@/components/explain/explain-view";
import { loadPublicExplanation } from "@/lib/server/explain/explain";

const ZParams = z.object({ id: z.uuid() });
const ZQuery = z.object({ cycle: z.uuid().optional().catch(undefined) });

async function load(params: Promise<{ id: string }>, searchParams: Promise<Record<string, string | string[] | undefined>>) {
  const parsed = ZParams.safeParse(await params);
  const query = ZQuery.safeParse(await searchParams);
  return parsed.success && query.success ? loadPublicExplanation(parsed.data.id, query.data.cycle) : null;
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props) {
  const view = await load(params, searchParams);
  const t = await getTranslations("explain");
  return { title: view ? t("institutionTitle", { institution: view.institution.name }) : t("title") };
}

/**
 * The public explanation of an institution's published result (in PUBLIC_PAGES): only published
 * cycles and only the public parts (docs/domain.md §5.13). Anything else is "not found".
 */
export default async function PublicExplainPage({ params, searchParams }: Props) {
  const view = await load(params, searchParams);
  if (!view) notFound();
  const t = await getTranslations("explain");
  return (
    <section aria-labelledby="page-title" className="space-y-5">
      <header>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("institutionTitle", { institution: view.institution.name })}
        </h1>
        <p className="text-sm text-slate-600">{view.cycle.name}</p>
        <Link href={`/results/institutions/${view.institution.id}`} className="text-sm text-brand-700 underline">
          {t("back")}
        </Link>
      </header>
      <ExplainTree view={view} />
    </section>
  );
}
