import { openBackupTarget } from "./lib/backup/target";
import { resolveAuthSecret } from "./lib/auth-secret";
import { runMain } from "./lib/errors";
import { ensurePrismaClient } from "./lib/prisma-client";

const log = (line: string) => console.log(`▸ ${line}`);

/**
 * `npm run evidence:cold`: moves the evidence of every archived cycle whose admin asked for it to
 * cold storage (lib/server/cycle/cold-storage.ts), on the database `npm start` uses (DATABASE_URL,
 * or the embedded one). Safe to run again and from cron, e.g. nightly:
 *   45 2 * * *  cd /srv/portal-pekppp && npm run evidence:cold
 */
runMain(async () => {
  ensurePrismaClient();
  const target = await openBackupTarget(log);
  try {
    process.env.DATABASE_URL = target.ownerUrl;
    process.env.AUTH_SECRET ??= resolveAuthSecret();
    const { moveArchivedEvidenceToColdStorage } = await import("../lib/server/cycle/cold-storage");
    const moved = await moveArchivedEvidenceToColdStorage();
    if (moved.length === 0) log("Tidak ada siklus arsip yang menunggu pemindahan bukti dukung.");
    for (const cycle of moved) log(`${cycle.cycleName}: ${cycle.files} berkas bukti dukung dipindahkan ke penyimpanan dingin.`);
    const { db } = await import("../lib/server/db/client");
    await db.$disconnect();
  } finally {
    await target.close();
  }
});
