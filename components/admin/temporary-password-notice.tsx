"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/** The temporary password, shown exactly once: it is not stored in clear anywhere. */
export function TemporaryPasswordNotice({ password, userId }: { password: string; userId?: string }) {
  const t = useTranslations("users");
  return (
    <div role="status" className="max-w-xl rounded-xl border border-amber-300 bg-amber-50 p-5">
      <h2 className="font-semibold">{t("temporaryPasswordTitle")}</h2>
      <p className="mt-1 text-sm">{t("temporaryPasswordBody")}</p>
      <p className="mt-3 rounded-md bg-white px-3 py-2 font-mono text-lg tracking-wider select-all" data-testid="temporary-password">
        {password}
      </p>
      {userId ? (
        <Link href={`/admin/users/${userId}`} className="mt-4 inline-block text-sm text-brand-700 underline">
          {t("openUser")}
        </Link>
      ) : null}
    </div>
  );
}
