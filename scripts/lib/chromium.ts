import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Debian's Chromium in its headless shell (package chromium-headless-shell, built from the same
 * source as chromium): the browser tests use it, or the one at CHROMIUM_PATH. Never a downloaded
 * build. The shell draws no browser frame: the whole browser suite took about half the CPU time it
 * took in the full browser's headless mode on this machine. The full package comes along for the
 * fonts and libraries it brings, so pages are laid out as in the browser people use.
 */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium-headless-shell";
const APT_GET = "/usr/bin/apt-get";
const INSTALL = "apt-get update && apt-get install -y chromium chromium-headless-shell";

export interface ChromiumMachine {
  /** CHROMIUM_PATH, when set. */
  configuredPath: string | undefined;
  exists: (file: string) => boolean;
  /** The process runs as root (uid 0). */
  isRoot: boolean;
  hasAptGet: boolean;
}

export type ChromiumSetup =
  | { action: "none"; path: string }
  /** Run `shell` (Debian's package); then the browser is at `path`. */
  | { action: "install"; path: string; shell: string; env: Record<string, string> }
  /** Nothing this process may do: `message` names the one command a person runs. */
  | { action: "instruct"; path: string; message: string };

/**
 * What `npm test` does about the browser: nothing when it is there; Debian's package when it is
 * missing and this machine lets the tests install it (root, apt-get, the default path); otherwise
 * the one command to run.
 */
export function chromiumSetup(machine: ChromiumMachine): ChromiumSetup {
  const configured = machine.configuredPath?.trim();
  const path = configured || DEBIAN_CHROMIUM;
  if (machine.exists(path)) return { action: "none", path };
  if (configured && configured !== DEBIAN_CHROMIUM) {
    return {
      action: "instruct",
      path,
      message: `Chromium tidak ditemukan di CHROMIUM_PATH=${configured}. Perbaiki CHROMIUM_PATH, atau hapus variabel itu dan jalankan: sudo sh -c '${INSTALL}'`,
    };
  }
  if (machine.isRoot && machine.hasAptGet) {
    return { action: "install", path, shell: INSTALL, env: { DEBIAN_FRONTEND: "noninteractive" } };
  }
  const command = machine.hasAptGet
    ? `sudo sh -c '${INSTALL}'`
    : "pasang Chromium dengan pengelola paket sistem ini, lalu set CHROMIUM_PATH=/jalur/ke/chromium";
  return { action: "instruct", path, message: `Chromium tidak ditemukan di ${path}. Jalankan sekali: ${command}` };
}

/** The machine this process runs on. */
export function currentMachine(): ChromiumMachine {
  return {
    configuredPath: process.env.CHROMIUM_PATH,
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    hasAptGet: existsSync(APT_GET),
  };
}

/**
 * Makes sure the browser tests have their browser: installs Debian's package when allowed, saying
 * so. Returns null when Chromium is ready, or the problem to report.
 */
export function ensureChromium(machine = currentMachine(), log: (line: string) => void = console.log): string | null {
  const setup = chromiumSetup(machine);
  if (setup.action === "none") return null;
  if (setup.action === "instruct") return setup.message;
  log(`▸ Chromium tidak ditemukan di ${setup.path}; memasang paket Debian "chromium" dan "chromium-headless-shell" untuk uji peramban (${setup.shell})…`);
  const result = spawnSync("sh", ["-c", setup.shell], { stdio: "inherit", env: { ...process.env, ...setup.env } });
  if (result.status !== 0 || !machine.exists(setup.path)) {
    return `Pemasangan Chromium gagal (${setup.shell}); lihat pesan apt-get di atas.`;
  }
  log(`▸ Chromium terpasang di ${setup.path}.`);
  return null;
}
