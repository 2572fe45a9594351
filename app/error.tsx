"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/**
 * A page that failed. The server does not tell the browser why (only a digest), so the page asks
 * the readiness probe: when the database does not answer (503), it says so plainly, rather than
 * showing a generic error with a code to report.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    let active = true;
    fetch("/api/ready", { cache: "no-store" })
      .then(async (response) => {
        // 503 names the failed check (app/api/ready): only the database's is "database unavailable".
        const body = response.status === 503 ? ((await response.json().catch(() => null)) as { checks?: { database?: string } } | null) : null;
        if (active) setDatabaseDown(body?.checks?.database === "unavailable");
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{databaseDown ? t("databaseUnavailableTitle") : t("genericTitle")}</h1>
      <p className="mt-3 text-slate-600" role={databaseDown ? "alert" : undefined}>
        {databaseDown ? t("databaseUnavailableBody") : t("genericBody", { ref: error.digest ?? "-" })}
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-900">
        {t("retry")}
      </button>
    </main>
  );
}
