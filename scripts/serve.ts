import { parseArgs } from "node:util";
import { seedDatabase } from "../prisma/seed/seed-database";
import { resolveAuthSecret } from "./lib/auth-secret";
import { openPortalDatabase } from "./lib/database";
import { isPortFree } from "./lib/embedded-postgres";
import { UserFacingError, runMain } from "./lib/errors";
import { applyMigrations } from "./lib/migrate";
import { ensureNextBuild, startNext } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";

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
    const applied = await applyMigrations(database.url);
    if (applied.length > 0) log(`Migrasi diterapkan: ${applied.join(", ")}`);
    const seed = await seedDatabase(database.url, { onlyIfEmpty: true });
    if (seed.seeded) log(`Data demo dimuat: ${seed.rows.toLocaleString("id-ID")} baris dalam ${(seed.milliseconds / 1000).toFixed(1)} dtk`);
    else log("Data yang ada dipakai kembali (tidak diisi ulang).");

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: resolveAuthSecret(),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (!values.dev) ensureNextBuild(".next", env, log);

    const next = startNext({ distDir: ".next", port, env, dev: values.dev });
    log(`Portal siap di http://localhost:${port} (Ctrl-C untuk berhenti)`);
    const stopNext = () => {
      if (next.exitCode === null && next.signalCode === null) next.kill("SIGTERM");
    };
    process.on("SIGINT", stopNext);
    process.on("SIGTERM", stopNext);
    next.on("exit", (code) => {
      log("Portal berhenti; menghentikan basis data…");
      void shutdown(stopping ? 0 : (code ?? 0));
    });
  } catch (error) {
    await database.close();
    throw error;
  }
});
