import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { restoreBackup } from "./lib/backup/restore";
import { evidenceTarget, openBackupTarget } from "./lib/backup/target";
import { runMain, UserFacingError } from "./lib/errors";

const log = (line: string) => console.log(`▸ ${line}`);

/**
 * `npm run db:restore -- <archive>`: restores a backup of `npm run db:backup` into an EMPTY
 * database (DATABASE_OWNER_URL / DATABASE_URL, or the embedded one of a new .data/postgres) and an
 * EMPTY evidence folder (EVIDENCE_DIR), after verifying every checksum. Refuses a non-empty target.
 */
runMain(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const archive = positionals[0];
  if (!archive || positionals.length > 1) throw new UserFacingError("Pakai: npm run db:restore -- <arsip.tar.gz>");
  if (!existsSync(archive)) throw new UserFacingError(`Arsip ${archive} tidak ada.`);
  const evidence = evidenceTarget();
  const target = await openBackupTarget(log);
  try {
    const result = await restoreBackup({ archive: path.resolve(archive), databaseUrl: target.ownerUrl, evidence });
    log(
      `Dipulihkan dari ${archive}: ${result.tables} tabel, ${result.rows.toLocaleString("id-ID")} baris, ${result.evidenceFiles} berkas bukti; checksum cocok (${(result.milliseconds / 1000).toFixed(1)} dtk).`,
    );
  } finally {
    await target.close();
  }
});
