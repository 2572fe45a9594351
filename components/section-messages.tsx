import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { portalSectionMessages, type PortalSection } from "@/lib/i18n/client-messages";

/**
 * The part of the catalogue a portal section's client components translate, with the refusals an
 * action may answer: what the browser gets instead of the whole catalogue (issue 17).
 */
export async function SectionMessages({ section, children }: { section: PortalSection; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={portalSectionMessages(messages, section)}>{children}</NextIntlClientProvider>;
}
