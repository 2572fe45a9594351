"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useFormatter, useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useRef, useState } from "react";
import { closeSurveyLinkAction, createSurveyLinkAction } from "@/lib/server/survey/link-actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SurveyLinkView, SurveyStatus } from "@/lib/server/survey/survey";
import { MOMENT } from "@/lib/i18n/formats";

export interface SurveyLinksPanelProps {
  /** From surveyStatusForAssessment (plain data: dates are ISO strings); the create and close controls show while it is collecting. */
  status: SurveyStatus;
  /** The portal's public origin, e.g. "https://pekppp.example.go.id" (surveyBaseUrl()). */
  baseUrl: string;
}

const STATE_STYLE: Record<SurveyLinkView["state"], string> = {
  open: "bg-emerald-100 text-emerald-900",
  closed: "bg-slate-200 text-slate-800",
  expired: "bg-amber-100 text-amber-900",
};

/**
 * The F-03 survey of one locus, for its verifier, its own unit's evaluators and admins: respondents against the cycle's
 * minimum, whether F-03 now enters the index, and the public links with their controls.
 */
export function SurveyLinksPanel({ status, baseUrl }: SurveyLinksPanelProps) {
  const t = useTranslations("surveyAdmin");
  const origin = baseUrl.replace(/\/+$/, "");
  return (
    <section aria-labelledby="survey-panel-title" data-testid="survey-panel" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="survey-panel-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">{t("respondents")}</dt>
          <dd className="font-medium" data-testid="survey-respondents">
            {t("respondentsOfMinimum", { count: status.respondents, minimum: status.minimum })}
          </dd>
        </div>
        {status.f03Published ? (
          <div>
            <dt className="text-sm text-slate-600">{t("f03Score")}</dt>
            <dd className="font-medium">{status.f03Published}</dd>
          </div>
        ) : null}
      </dl>
      <p
        data-testid="survey-index-rule"
        data-f03-included={status.f03Included}
        className={`rounded-md px-3 py-2 text-sm ${status.f03Included ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-900"}`}
      >
        {status.f03Included
          ? t("indexWithF03", { f02: status.f02SharePercent, f03: 100 - status.f02SharePercent })
          : t("indexF02Only", { count: status.respondents, minimum: status.minimum })}
      </p>
      {status.collecting ? null : <p className="text-sm text-slate-700">{t("notCollecting")}</p>}
      {status.collecting ? <CreateLinkForm assessmentId={status.assessmentId} /> : null}

      <div>
        <h3 className="font-semibold">{t("linksTitle")}</h3>
        {status.links.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("noLinks")}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {status.links.map((link) => (
              <LinkRow key={link.id} link={link} url={`${origin}/survey/${link.token}`} canManage={status.collecting} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function CreateLinkForm({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("surveyAdmin");
  const router = useRouter();
  const { execute, result, isPending, hasSucceeded } = useAction(createSurveyLinkAction, { onSuccess: () => router.refresh() });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      action={(formData) => execute({ assessmentId, closesOn: String(formData.get("closesOn") ?? "") })}
      className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3"
    >
      <h3 className="font-semibold">{t("createTitle")}</h3>
      <ActionErrorMessage error={result.serverError} />
      <Field id={`survey-closes-${assessmentId}`} label={t("closesOnLabel")} hint={t("closesOnHint")} errors={errors.closesOn}>
        <Input name="closesOn" type="date" inline className="bg-white" />
      </Field>
      <Button type="submit" variant="primary" size="md" disabled={isPending} aria-busy={isPending}>
        {isPending ? t("creating") : t("create")}
      </Button>
      {hasSucceeded ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("created")}
        </p>
      ) : null}
    </form>
  );
}

function LinkRow({ link, url, canManage }: { link: SurveyLinkView; url: string; canManage: boolean }) {
  const t = useTranslations("surveyAdmin");
  const format = useFormatter();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const close = useAction(closeSurveyLinkAction, {
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const when = (iso: string) => format.dateTime(new Date(iso), MOMENT);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyNote(t("copied"));
    } catch {
      // No clipboard outside a secure context (plain http): select the text for a manual copy.
      input.current?.select();
      setCopyNote(t("copyManually"));
    }
  }

  const inputId = `survey-url-${link.id}`;
  return (
    <li data-testid="survey-link" data-state={link.state} className="space-y-2 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${STATE_STYLE[link.state]}`} data-testid="survey-link-state">
          {t(`state.${link.state}`)}
        </span>
        <span data-testid="survey-link-responses">{t("responses", { count: link.responses })}</span>
        <span className="text-slate-600">
          {link.createdByName ? t("createdBy", { date: when(link.createdAt), name: link.createdByName }) : t("createdAt", { date: when(link.createdAt) })}
        </span>
        {link.closedAt ? <span className="text-slate-600">{t("closedAt", { date: when(link.closedAt) })}</span> : null}
        {!link.closedAt && link.closesAt ? (
          <span className="text-slate-600">{t(link.state === "expired" ? "expiredAt" : "closesAt", { date: when(link.closesAt) })}</span>
        ) : null}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={inputId} className="block text-xs font-medium text-slate-600">
            {t("urlLabel")}
          </label>
          <input
            id={inputId}
            ref={input}
            type="text"
            readOnly
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            data-testid="survey-link-url"
            className="mt-1 w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-sm"
          />
        </div>
        <Button variant="secondary" size="sm" onClick={copy}>
          {t("copy")}
        </Button>
        {canManage && link.state === "open" ? (
          <ConfirmDialog
            open={confirming}
            onOpenChange={(open) => {
              if (!close.isPending) setConfirming(open);
            }}
            trigger={
              <button type="button" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
                {t("close")}
              </button>
            }
            title={t("close")}
            description={t("closeConfirm")}
            confirmLabel={close.isPending ? t("closing") : t("closeYes")}
            cancelLabel={t("cancel")}
            tone="danger"
            closeOnConfirm={false}
            pending={close.isPending}
            onConfirm={() => close.execute({ linkId: link.id })}
          >
            <ActionErrorMessage error={close.result.serverError} />
          </ConfirmDialog>
        ) : null}
      </div>
      {link.state === "open" ? <LinkQr url={url} linkId={link.id} /> : null}
      {copyNote ? (
        <p role="status" className="text-xs text-slate-700">
          {copyNote}
        </p>
      ) : null}
      {close.hasSucceeded ? (
        <p role="status" className="text-xs text-slate-700">
          {t("closedDone")}
        </p>
      ) : null}
    </li>
  );
}

/** The link's QR code (drawn in the browser) and its printable A4 poster (PDF, from the server). */
function LinkQr({ url, linkId }: { url: string; linkId: string }) {
  const t = useTranslations("surveyAdmin");
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { margin: 1, width: 256, errorCorrectionLevel: "M" }).then(
      (data) => live && setSrc(data),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="flex flex-wrap items-center gap-3">
      {src ? <img src={src} alt={t("qrAlt")} width={128} height={128} data-testid="survey-link-qr" className="rounded border border-slate-200" /> : null}
      <a
        href={`/api/survey-links/${linkId}/poster`}
        download
        data-testid="survey-link-poster"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50"
      >
        {t("poster")}
      </a>
    </div>
  );
}
