/** What supervise() needs of a child process (a ChildProcess, or a fake in tests). */
export interface SupervisedChild {
  on(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface SuperviseOptions {
  start: () => SupervisedChild;
  log: (line: string) => void;
  /** The waits before the 1st, 2nd … restart in a row; one more unexpected stop ends the supervision. */
  backoffMs?: readonly number[];
  /** A run at least this long was healthy: the next stop starts the backoff from its first step. */
  stableMs?: number;
  now?: () => number;
}

export interface Supervision {
  /** The exit code for whoever runs us: 0 after stop(); 1 when the portal kept stopping by itself. */
  done: Promise<number>;
  /** Stops the portal for good (Ctrl-C, SIGTERM): no restart. */
  stop: () => void;
}

export const DEFAULT_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000] as const;

/**
 * Runs the portal process and restarts it when it stops without being asked to (killed, crashed,
 * exited), after 1, 2, 4, 8, 16 s, saying so each time. After that many restarts in a row without
 * a healthy run, it gives up with exit code 1, so that a service supervisor (systemd, a container
 * restart policy) sees the failure; it never reports a dead portal as a clean stop.
 */
export function supervise(options: SuperviseOptions): Supervision {
  const { start, log, backoffMs = DEFAULT_BACKOFF_MS, stableMs = 60_000, now = Date.now } = options;
  let stopping = false;
  let running: SupervisedChild | null = null;
  let startedAt = 0;
  let restartsInARow = 0;
  let pendingRestart: NodeJS.Timeout | null = null;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });

  const launch = () => {
    const child = start();
    running = child;
    startedAt = now();
    let ended = false;
    const settle = (describe: string) => {
      if (ended) return;
      ended = true;
      running = null;
      onStopped(describe);
    };
    child.on("exit", (code, signal) => settle(signal ? `sinyal ${signal}` : `kode ${code ?? "?"}`));
    // A process that cannot be started at all emits "error" and may never emit "exit".
    child.on("error", (error) => settle(`galat: ${error.message}`));
  };

  const onStopped = (describe: string) => {
    if (stopping) {
      finish(0);
      return;
    }
    if (now() - startedAt >= stableMs) restartsInARow = 0;
    const wait = backoffMs[restartsInARow];
    if (wait === undefined) {
      log(
        `Portal berhenti tak terduga (${describe}) setelah ${restartsInARow} kali dijalankan ulang berturut-turut; menyerah dan keluar dengan kode 1 agar supervisor layanan dapat menjalankannya ulang.`,
      );
      finish(1);
      return;
    }
    restartsInARow += 1;
    log(`Portal berhenti tak terduga (${describe}); dijalankan ulang dalam ${wait / 1000} dtk (percobaan ${restartsInARow} dari ${backoffMs.length})…`);
    pendingRestart = setTimeout(() => {
      pendingRestart = null;
      if (stopping) return;
      launch();
      log("Portal dijalankan ulang.");
    }, wait);
  };

  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (pendingRestart) {
      clearTimeout(pendingRestart);
      pendingRestart = null;
      finish(0);
    } else if (running) {
      running.kill("SIGTERM");
    } else {
      finish(0);
    }
  };

  launch();
  return { done, stop };
}
