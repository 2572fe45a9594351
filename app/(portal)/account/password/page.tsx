import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApiTokens } from "@/components/account/api-tokens";
import { MOMENT } from "@/lib/i18n/formats";
import { listOwnApiTokens } from "@/lib/server/api/tokens";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ROLE_HOME } from "@/lib/auth/roles";
import { asFormAction } from "@/components/form-action";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { endAllSessionsAction } from "@/lib/server/account/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

export default async function ChangePasswordPage() {
  const user = await requirePolicy("account.changePassword");
  const t = await getTranslations("account");
  const tokens = await apiTokenRows(user);
  const tApi = await getTranslations("apiTokens");
  return (
    <section aria-labelledby="page-title" className="max-w-lg space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      {user.mustChangePassword ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {t("mustChange")}
        </p>
      ) : null}
      <ChangePasswordForm home={ROLE_HOME[user.role]} />
      {user.mustChangePassword ? null : (
        <section aria-labelledby="end-sessions-title" className="mt-8 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="end-sessions-title" className="font-semibold">
            {t("endSessionsTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("endSessionsIntro")}</p>
          <form action={asFormAction(endAllSessionsAction)} className="mt-3">
            <button type="submit" className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
              {t("endSessions")}
            </button>
          </form>
        </section>
      )}
      {user.mustChangePassword ? null : (
        <section aria-labelledby="api-tokens-title" className="mt-8 space-y-3 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="api-tokens-title" className="font-semibold">
            {tApi("title")}
          </h2>
          <p className="text-sm text-slate-600">
            {tApi("intro")}{" "}
            <Link href="/developers" className="text-brand-700 underline">
              {tApi("reference")}
            </Link>
          </p>
          <ApiTokens tokens={tokens} />
        </section>
      )}
    </section>
  );
}

/** The user's API tokens for the list, dates in the reader's language (lib/i18n/formats.ts). */
async function apiTokenRows(user: Awaited<ReturnType<typeof requirePolicy>>) {
  if (user.mustChangePassword) return [];
  const [tokens, format] = await Promise.all([listOwnApiTokens(user), getFormatter()]);
  const now = new Date();
  const shown = (date: Date | null) => (date ? format.dateTime(date, MOMENT) : null);
  return tokens.map((token) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    created: format.dateTime(token.createdAt, MOMENT),
    lastUsed: shown(token.lastUsedAt),
    expires: shown(token.expiresAt),
    state: token.revokedAt ? ("revoked" as const) : token.expiresAt && token.expiresAt <= now ? ("expired" as const) : ("active" as const),
  }));
}
