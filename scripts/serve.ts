import { parseArgs } from "node:util";
import { seedDatabase } from "../prisma/seed/seed-database";
import { resolveAuthSecret } from "./lib/auth-secret";
import { openPortalDatabase } from "./lib/database";
import { warnAboutPortalRole } from "./lib/db-roles";
import { isPortFree } from "./lib/embedded-postgres";
import { UserFacingError, runMain } from "./lib/errors";
import { applyMigrations } from "./lib/migrate";
import { ensureNextBuild, startNext } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { startWorkerProcess } from "./lib/notification-worker";
import { supervise } from "./lib/supervise";

const log = (line: string) => console.log(`▸ ${line}`);

runMain(async () => {
  const { values } = parseArgs({ options: { dev: { type: "boolean", default: false } } });
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UserFacingError(`PORT "${process.env.PORT}" bukan nomor port yang sah.`);
  if (!(await isPortFree(port, "0.0.0.0"))) {
    throw new UserFacingError(`Port ${port} sudah dipakai program lain. Hentikan program itu, atau jalankan dengan PORT=3001 npm start.`);
  }

  ensurePrismaClient();
  const database = await openPortalDatabase(log);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await database.close();
    process.exit(code);
  };

  try {
    // Migrations and the seed run as the owner of the tables; the portal runs as its own role.
    const applied = await applyMigrations(database.ownerUrl);
    if (applied.length > 0) log(`Migrasi diterapkan: ${applied.join(", ")}`);
    const seed = await seedDatabase(database.ownerUrl, { onlyIfEmpty: true });
    if (seed.seeded) log(`Data demo dimuat: ${seed.rows.toLocaleString("id-ID")} baris dalam ${(seed.milliseconds / 1000).toFixed(1)} dtk`);
    else log("Data yang ada dipakai kembali (tidak diisi ulang).");
    await warnAboutPortalRole(database.url, log);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: resolveAuthSecret(),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // The portal never holds the owner's credentials.
    delete env.DATABASE_OWNER_URL;
    if (!values.dev) ensureNextBuild(".next", env, log);

    // A portal process that stops by itself is restarted with backoff; if it keeps stopping, we
    // exit with code 1 (never 0) so that a service supervisor notices (scripts/lib/supervise.ts).
    const portal = supervise({ start: () => startNext({ distDir: ".next", port, env, dev: values.dev }), log });
    // The notification worker (e-mail delivery, reminders, digests) runs beside it, supervised the
    // same way; deployments with several portal instances may run more with `npm run worker`.
    const worker = supervise({ start: () => startWorkerProcess(env, `http://localhost:${port}`), log: (line) => log(`[pekerja notifikasi] ${line}`) });
    log(`Portal siap di http://localhost:${port} (Ctrl-C untuk berhenti)`);
    const stopAll = () => {
      portal.stop();
      worker.stop();
    };
    process.on("SIGINT", stopAll);
    process.on("SIGTERM", stopAll);
    // Either one giving up stops the other: the supervisor of `npm start` then sees the failure.
    const code = await Promise.race([portal.done, worker.done]);
    stopAll();
    const codes = await Promise.all([portal.done, worker.done]);
    const exitCode = Math.max(code, ...codes);
    log("Portal berhenti; menghentikan basis data…");
    await shutdown(exitCode);
  } catch (error) {
    await database.close();
    throw error;
  }
});
