import "server-only";
import { createTranslator } from "use-intl/core";
import type { NotificationKind } from "@/lib/domain/notifications/events";
import { env } from "@/lib/env";
import { type Locale, resolveLocale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";

/**
 * The words of a notification, from the message catalogues (notifications.json, id and en): the
 * same text in the portal's list and in the e-mail, in the recipient's language. E-mail is plain
 * text plus simple HTML, with the deep link and a link to the recipient's preferences.
 */

/** The values a notification stores (Notification.params): names, counts, dates as YYYY-MM-DD. */
export type NotificationParams = Record<string, string | number>;

/** Keys are built from a kind at run time, so the translator is used untyped. */
type Translate = (key: string, values?: NotificationParams) => string;
const translators = new Map<Locale, Translate>();
function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "notifications", timeZone: "Asia/Jakarta" }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

/** A stored calendar date (YYYY-MM-DD) as the recipient reads it: "31 Juli 2026", "31 July 2026". */
function longDate(locale: Locale, iso: string) {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** The stored values, with the ones that read differently per language filled in. */
function valuesFor(locale: Locale, params: NotificationParams): NotificationParams {
  const t = translator(locale);
  const values: NotificationParams = { ...params };
  if (typeof params.stage === "string") values.stageName = t(`stages.${params.stage}`);
  if (typeof params.endsOn === "string") values.endsOn = longDate(locale, params.endsOn);
  return values;
}

/** The title (the kind) and the sentence of one notification, in a language. */
export function notificationText(localeName: string, kind: NotificationKind, params: NotificationParams) {
  const locale = resolveLocale(localeName);
  const t = translator(locale);
  return { title: t(`kinds.${kind}`), text: t(`text.${kind}`, valuesFor(locale, params)) };
}

/**
 * The portal's public address (AUTH_URL; unset, http://localhost:3000, and under `npm start` the
 * worker's own portal address), where e-mail links lead.
 */
export function portalUrl() {
  return (env.AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/**
 * Messages are stored with this origin in their links and sent with the portal's address put in
 * (`withPortalOrigin`, by the worker that sends them): a message written by a portal instance
 * that does not know its public address still leads to it. A reserved name (RFC 2606), never a
 * real host.
 */
export const PORTAL_ORIGIN = "https://portal-pekppp.invalid";
export const withPortalOrigin = (text: string, origin = portalUrl()) => text.replaceAll(PORTAL_ORIGIN, origin);
const absoluteUrl = (path: string) => `${PORTAL_ORIGIN}${path.startsWith("/") ? path : `/${path}`}`;
export const PREFERENCES_PATH = "/notifications/preferences";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface EmailItem {
  kind: NotificationKind;
  params: NotificationParams;
  link: string;
}

function layout(locale: Locale, name: string, intro: string | null, items: { title: string; text: string; url: string }[]): Omit<RenderedEmail, "subject"> {
  const t = translator(locale);
  const preferences = absoluteUrl(PREFERENCES_PATH);
  const text = [
    t("email.greeting", { name }),
    "",
    ...(intro ? [intro, ""] : []),
    ...items.flatMap((item) => [...(items.length > 1 ? [`• ${item.title}`] : []), item.text, `${t("email.openLink")} ${item.url}`, ""]),
    "--",
    `${t("email.preferences")} ${preferences}`,
    t("email.footer"),
    "",
  ].join("\n");
  const blocks = items
    .map(
      (item) =>
        `<div style="margin:0 0 16px">${items.length > 1 ? `<p style="margin:0;font-weight:bold">${escapeHtml(item.title)}</p>` : ""}<p style="margin:4px 0">${escapeHtml(item.text)}</p><p style="margin:4px 0"><a href="${escapeHtml(item.url)}">${escapeHtml(t("email.openLink"))} ${escapeHtml(item.url)}</a></p></div>`,
    )
    .join("");
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#0f172a;line-height:1.5"><p>${escapeHtml(
    t("email.greeting", { name }),
  )}</p>${intro ? `<p>${escapeHtml(intro)}</p>` : ""}${blocks}<hr style="border:none;border-top:1px solid #cbd5e1"><p style="font-size:12px;color:#475569">${escapeHtml(
    t("email.preferences"),
  )} <a href="${escapeHtml(preferences)}">${escapeHtml(preferences)}</a><br>${escapeHtml(t("email.footer"))}</p></body></html>`;
  return { text, html };
}

/** One notification as an e-mail: the subject is its sentence's kind, the body its sentence and link. */
export function renderEmail(localeName: string, recipientName: string, item: EmailItem): RenderedEmail {
  const locale = resolveLocale(localeName);
  const { title, text } = notificationText(locale, item.kind, item.params);
  return { subject: `[PEKPPP] ${title}`, ...layout(locale, recipientName, null, [{ title, text, url: absoluteUrl(item.link) }]) };
}

/** A user's daily digest: every notification since the last one, oldest first. */
export function renderDigest(localeName: string, recipientName: string, items: readonly EmailItem[]): RenderedEmail {
  const locale = resolveLocale(localeName);
  const t = translator(locale);
  const rendered = items.map((item) => ({ ...notificationText(locale, item.kind, item.params), url: absoluteUrl(item.link) }));
  return { subject: `[PEKPPP] ${t("email.digestSubject", { count: items.length })}`, ...layout(locale, recipientName, t("email.digestIntro"), rendered) };
}
