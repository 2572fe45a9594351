import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 11)) {
  console.error(`✖ Portal PEKPPP membutuhkan Node.js 20.11 atau lebih baru (terpasang: ${process.versions.node}).`);
  process.exit(1);
}

/** Runs `npm ci` when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const lock = path.join(PROJECT_ROOT, "package-lock.json");
  const installed = path.join(PROJECT_ROOT, "node_modules", ".package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log("▸ Memasang dependensi (npm ci, sekali saja, ± 1 menit)…");
  try {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  } catch {
    console.error("✖ Pemasangan dependensi gagal; lihat pesan npm di atas.");
    process.exit(1);
  }
}

/** Node arguments that run a TypeScript entry point through tsx. */
export function tsxArgs(entry, args = []) {
  return ["--import", "tsx", path.join(PROJECT_ROOT, entry), ...args];
}

/**
 * The exit code that passes on how a child ended: its own code, or 128 + the signal's number when
 * it was killed (the shell's convention). Never 0 for a child that was killed: a supervisor must
 * see that the portal died.
 */
export function exitCodeOf(code, signal) {
  if (code !== null && code !== undefined) return code;
  return 128 + (constants.signals[signal] ?? 0) || 1;
}
