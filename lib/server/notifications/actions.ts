"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fromFormData } from "@/lib/schemas/form-data";
import { ZMarkAllNotificationsRead, ZMarkNotificationsRead, ZNotificationPreferences, ZOpenNotification, ZOutboxResend } from "@/lib/schemas/notifications";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import {
  markAllNotificationsRead,
  markNotificationsRead,
  openNotification,
  resendOutboxMessage,
  saveNotificationPreferences,
} from "@/lib/server/notifications/notifications";

/** Every page shows the bell's count: the whole portal layout is revalidated. */
const refreshBell = () => revalidatePath("/", "layout");

/** Opens one's notification: marked read, then on to the exact place it is about. */
export const openNotificationAction = authorizedActionClient
  .metadata({ action: "notifications.open", policy: "notifications.view" })
  .inputSchema(fromFormData(ZOpenNotification))
  .action(async ({ parsedInput, ctx }) => {
    const { link } = await openNotification(ctx.actor, parsedInput.id);
    refreshBell();
    redirect(link);
  });

/** Marks some of one's notifications read. */
export const markNotificationsReadAction = authorizedActionClient
  .metadata({ action: "notifications.markRead", policy: "notifications.markRead" })
  .inputSchema(fromFormData(ZMarkNotificationsRead))
  .action(async ({ parsedInput, ctx }) => {
    const result = await markNotificationsRead(ctx.actor, parsedInput.ids);
    refreshBell();
    return result;
  });

/** Marks all of one's notifications read. */
export const markAllNotificationsReadAction = authorizedActionClient
  .metadata({ action: "notifications.markAllRead", policy: "notifications.markRead" })
  .inputSchema(fromFormData(ZMarkAllNotificationsRead))
  .action(async ({ ctx }) => {
    const result = await markAllNotificationsRead(ctx.actor);
    refreshBell();
    return result;
  });

/** Saves one's channel per kind (audited). */
export const saveNotificationPreferencesAction = authorizedActionClient
  .metadata({ action: "notifications.preferences", policy: "notifications.preferences" })
  .inputSchema(ZNotificationPreferences)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveNotificationPreferences(ctx.actor, parsedInput);
    revalidatePath("/notifications/preferences");
    return result;
  });

/** An admin sends an outbox message again (audited). */
export const resendOutboxMessageAction = authorizedActionClient
  .metadata({ action: "outbox.resend", policy: "outbox.resend" })
  .inputSchema(ZOutboxResend)
  .action(async ({ parsedInput, ctx }) => {
    const result = await resendOutboxMessage(ctx.actor, parsedInput.id);
    revalidatePath("/admin/outbox");
    return result;
  });
