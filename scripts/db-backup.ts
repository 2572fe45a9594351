import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup, portalVersion } from "./lib/backup/backup";
import { evidenceTarget, openBackupTarget } from "./lib/backup/target";
import { PROJECT_ROOT } from "./lib/database";
import { runMain, UserFacingError } from "./lib/errors";

const log = (line: string) => console.log(`▸ ${line}`);
const ARCHIVE = /^pekppp-backup-\d{8}T\d{6}Z\.tar\.gz$/;

/**
 * `npm run db:backup [-- --out <folder>] [--keep <n>]`: one archive of the database and the
 * evidence (scripts/lib/backup/manifest.ts says what it holds) in the folder (default
 * .data/backups); with --keep, only the newest n archives of the folder are kept. Daily, from cron:
 *   15 2 * * *  cd /srv/portal-pekppp && npm run db:backup -- --out /var/backups/pekppp --keep 14
 */
runMain(async () => {
  const { values } = parseArgs({ options: { out: { type: "string" }, keep: { type: "string" } } });
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) throw new UserFacingError("--keep harus bilangan bulat ≥ 1.");
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, ".data", "backups"));
  mkdirSync(out, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const archive = path.join(out, `pekppp-backup-${stamp}.tar.gz`);

  const evidence = evidenceTarget();
  const target = await openBackupTarget(log);
  try {
    const result = await createBackup({ databaseUrl: target.ownerUrl, evidence, archive, portalVersion: await portalVersion(PROJECT_ROOT) });
    log(
      `Cadangan ditulis: ${result.archive} (${(result.bytes / 1024 / 1024).toFixed(1)} MB; ${result.rows.toLocaleString("id-ID")} baris, ${result.evidenceFiles} berkas bukti${evidence.kind === "s3" ? " (versi objek S3 dicatat)" : ""}; ${(result.milliseconds / 1000).toFixed(1)} dtk)`,
    );
  } finally {
    await target.close();
  }
  if (keep !== undefined) {
    const archives = readdirSync(out)
      .filter((name) => ARCHIVE.test(name))
      .sort();
    for (const old of archives.slice(0, Math.max(0, archives.length - keep))) {
      rmSync(path.join(out, old));
      log(`Cadangan lama dihapus: ${old}`);
    }
  }
});
