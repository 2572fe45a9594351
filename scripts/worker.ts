import { resolveAuthSecret } from "./lib/auth-secret";
import { UserFacingError, runMain } from "./lib/errors";

// npm run worker: the notification worker alone (graphile-worker: e-mail delivery with retries,
// deadline reminders, daily digests), for deployments with several portal instances. It needs the
// portal's own variables (DATABASE_URL as the portal's role, SMTP_URL and MAIL_FROM, AUTH_URL for
// the links in e-mail). `npm start` runs one itself (scripts/serve.ts). Run with
// `node --conditions=react-server --import tsx` (package.json), as the server modules expect.
runMain(async () => {
  if (!process.env.DATABASE_URL?.trim()) {
    throw new UserFacingError("npm run worker membutuhkan DATABASE_URL (basis data portal, sebagai peran portal pekppp_app).");
  }
  process.env.AUTH_SECRET ??= resolveAuthSecret();
  const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UserFacingError("WORKER_CONCURRENCY harus bilangan bulat 1–64.");
  const { startNotificationWorker } = await import("../lib/server/notifications/worker");
  const runner = await startNotificationWorker({ concurrency });
  console.log(`▸ Pekerja notifikasi berjalan (${concurrency} tugas sekaligus).`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    runner.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await runner.promise;
  if (!stopping) throw new UserFacingError("Pekerja notifikasi berhenti tak terduga.");
});
