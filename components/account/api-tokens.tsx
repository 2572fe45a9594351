"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DataTable } from "@/components/ui/table";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/server/api/actions";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  created: string;
  lastUsed: string | null;
  expires: string | null;
  state: "active" | "revoked" | "expired";
}

/** Makes a token (shown once, in this answer only) and lists the user's tokens with a revoke button each. */
export function ApiTokens({ tokens }: { tokens: TokenRow[] }) {
  const t = useTranslations("apiTokens");
  const create = useAction(createApiTokenAction);
  const revoke = useAction(revokeApiTokenAction);
  const errors = (create.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const made = create.result.data;
  return (
    <div className="space-y-4">
      <form
        action={(formData) => create.execute({ name: String(formData.get("name") ?? ""), expiresInDays: Number(formData.get("expiresInDays") || 0) })}
        className="space-y-3"
        noValidate
      >
        <ActionErrorMessage error={create.result.serverError} />
        <Field id="token-name" label={t("name")} hint={t("nameHint")} errors={errors.name}>
          <Input name="name" required maxLength={80} autoComplete="off" />
        </Field>
        <Field id="token-expires" label={t("expiresInDays")} hint={t("expiresHint")} errors={errors.expiresInDays}>
          <Input name="expiresInDays" type="number" min={0} max={366} defaultValue={90} inputMode="numeric" />
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t("creating") : t("create")}
        </Button>
      </form>
      {made ? (
        <div role="status" className="space-y-1 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm">
          <p>{t("created")}</p>
          <code data-testid="new-token" className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            {made.token}
          </code>
          <p className="text-xs text-slate-700">{t("copyHint")}</p>
        </div>
      ) : null}
      <ActionErrorMessage error={revoke.result.serverError} />
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <DataTable caption={t("title")} headers={[t("colName"), t("colPrefix"), t("colCreated"), t("colLastUsed"), t("colExpires"), t("colStatus"), ""]}>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td className="px-4 py-2">{token.name}</td>
              <td className="px-4 py-2 font-mono text-xs">{token.prefix}…</td>
              <td className="px-4 py-2 whitespace-nowrap">{token.created}</td>
              <td className="px-4 py-2 whitespace-nowrap">{token.lastUsed ?? t("never")}</td>
              <td className="px-4 py-2 whitespace-nowrap">{token.expires ?? t("never")}</td>
              <td className="px-4 py-2">{t(token.state)}</td>
              <td className="px-4 py-2">
                {token.state === "active" ? (
                  <Button
                    type="button"
                    size="sm"
                    variant="secondary"
                    disabled={revoke.isPending}
                    aria-label={t("revokeLabel", { name: token.name })}
                    onClick={() => revoke.execute({ tokenId: token.id })}
                  >
                    {t("revoke")}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
