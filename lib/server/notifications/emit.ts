import "server-only";
import type { NotificationEvent } from "@/lib/domain/notifications/events";
import type { Prisma } from "@/lib/generated/prisma/client";

export type { NotificationEvent } from "@/lib/domain/notifications/events";

/**
 * Writes the notifications of one event inside the caller's transaction: they exist if and only
 * if the change that causes them commits. Delivery (e-mail now or in the digest) is queued in the
 * same transaction and done by the worker.
 */
export async function emitNotification(tx: Prisma.TransactionClient, event: NotificationEvent): Promise<void> {
  // Implementation follows (issue 14); the signature is the contract.
  void tx;
  void event;
}
