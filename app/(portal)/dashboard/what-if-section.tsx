import { InstitutionPlanner } from "@/components/what-if/institution-planner";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { loadInstitutionWhatIf } from "@/lib/server/what-if/planner";

/** The head's what-if planner (issue 18): every locus of the institution in the cycle shown, and the institution index. */
export async function HeadWhatIfSection({ user, cycleId }: { user: CurrentUser; cycleId: string }) {
  const view = await loadInstitutionWhatIf(user, cycleId);
  if (!view || view.loci.length === 0) return null;
  return <InstitutionPlanner instrument={view.instrument} settings={view.settings} loci={view.loci} institution />;
}
