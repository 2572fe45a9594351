import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript (it runs before the dependencies exist), no declarations.
import { exitCodeOf } from "../../scripts/bootstrap.mjs";
import { supervise, type SupervisedChild } from "../../scripts/lib/supervise";

// npm start keeps the portal process running (scripts/serve.ts → scripts/lib/supervise.ts): a
// process that dies by itself is restarted with backoff; one that keeps dying ends npm start with
// a non-zero code. Fake children and millisecond waits keep this fast.

class FakeChild extends EventEmitter implements SupervisedChild {
  killedWith: NodeJS.Signals | undefined;
  kill(signal?: NodeJS.Signals) {
    this.killedWith = signal;
    queueMicrotask(() => this.emit("exit", null, signal ?? "SIGTERM"));
    return true;
  }
  die(signal: NodeJS.Signals | null, code: number | null = null) {
    this.emit("exit", code, signal);
  }
}

function fakePortal(backoffMs = [1, 2, 3]) {
  const children: FakeChild[] = [];
  const lines: string[] = [];
  const supervision = supervise({
    start: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    log: (line) => lines.push(line),
    backoffMs,
  });
  const waitForChildren = (n: number) => expect.poll(() => children.length, { timeout: 2_000, interval: 2 }).toBe(n);
  return { supervision, children, lines, waitForChildren };
}

describe("supervising the portal process (npm start)", () => {
  it("restarts a portal process that was killed, and says so", async () => {
    const { supervision, children, lines, waitForChildren } = fakePortal();
    children[0]!.die("SIGKILL");
    await waitForChildren(2);
    expect(lines[0]).toMatch(/Portal berhenti tak terduga \(sinyal SIGKILL\); dijalankan ulang dalam 0.001 dtk \(percobaan 1 dari 3\)/);
    expect(lines[1]).toBe("Portal dijalankan ulang.");
    // A crash with an exit code, or even a silent exit 0 nobody asked for, is restarted too.
    children[1]!.die(null, 1);
    await waitForChildren(3);
    children[2]!.die(null, 0);
    await waitForChildren(4);
    supervision.stop();
    expect(await supervision.done).toBe(0);
  });

  it("gives up with exit code 1 (never 0) when the process keeps dying", async () => {
    const { supervision, children, lines, waitForChildren } = fakePortal([1, 1]);
    children[0]!.die("SIGKILL");
    await waitForChildren(2);
    children[1]!.die("SIGKILL");
    await waitForChildren(3);
    children[2]!.die("SIGKILL");
    expect(await supervision.done).toBe(1);
    expect(lines.at(-1)).toMatch(/menyerah dan keluar dengan kode 1/);
    expect(children).toHaveLength(3);
  });

  it("stops cleanly on Ctrl-C or SIGTERM: the process gets SIGTERM, nothing is restarted, exit code 0", async () => {
    const { supervision, children, lines } = fakePortal();
    supervision.stop();
    expect(children[0]!.killedWith).toBe("SIGTERM");
    expect(await supervision.done).toBe(0);
    expect(children).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it("stops during the wait before a restart without starting the process again", async () => {
    const { supervision, children } = fakePortal([60_000]);
    children[0]!.die("SIGKILL");
    supervision.stop();
    expect(await supervision.done).toBe(0);
    expect(children).toHaveLength(1);
  });

  it("restarts a real process killed with SIGKILL", async () => {
    const pids: number[] = [];
    let current: ChildProcess | undefined;
    const supervision = supervise({
      start: () => {
        current = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
        pids.push(current.pid!);
        return current;
      },
      log: () => undefined,
      backoffMs: [10],
    });
    current!.kill("SIGKILL");
    await expect.poll(() => pids.length, { timeout: 5_000 }).toBe(2);
    const second = current!;
    supervision.stop();
    expect(await supervision.done).toBe(0);
    expect(second.signalCode).toBe("SIGTERM");
  });
});

describe("npm start's own exit code (scripts/portal.mjs)", () => {
  it("passes the child's code on, and turns a kill into 128 + the signal, never 0", () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(1, null)).toBe(1);
    expect(exitCodeOf(null, "SIGKILL")).toBe(137);
    expect(exitCodeOf(null, "SIGTERM")).toBe(143);
  });
});
