import { UserFacingError } from "./errors";

// Load generation shared by the HTTP benchmarks: workers, percentiles, signing in over Auth.js.

export interface Sample {
  ms: number;
  ok: boolean;
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarise(label: string, samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const failed = samples.filter((s) => !s.ok).length;
  const throughput = samples.length / seconds;
  console.log(
    `${label.padEnd(16)} requests ${String(samples.length).padStart(6)}  failed ${String(failed).padStart(4)}  ` +
      `throughput ${throughput.toFixed(0).padStart(5)} req/s  p50 ${percentile(ms, 50).toFixed(1)} ms  p95 ${percentile(ms, 95).toFixed(1)} ms  p99 ${percentile(ms, 99).toFixed(1)} ms`,
  );
  return { throughput, p95: percentile(ms, 95) };
}

export async function waitForServer(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new UserFacingError(`The portal did not answer at ${url}.`);
}

/** Signs in through Auth.js's HTTP endpoints and returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c?.includes("session-token"));
  if (!session) throw new UserFacingError(`Sign-in of ${email} failed (${response.status}).`);
  return session;
}

/**
 * Runs `concurrency` workers until the deadline. Without a pace each worker sends its next request
 * as soon as the previous one is answered (saturation). With a pace each worker sends one request
 * per `paceMs`, as an evaluator's page does (it saves about a second after the typing stops).
 */
export async function run(concurrency: number, seconds: number, request: (worker: number) => Promise<boolean>, paceMs = 0) {
  const samples: Sample[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      // Paced workers start spread over one period, as real users do not all type in step.
      if (paceMs > 0) await new Promise((r) => setTimeout(r, (worker / concurrency) * paceMs));
      while (performance.now() < deadline) {
        const started = performance.now();
        let ok = false;
        try {
          ok = await request(worker);
        } catch {
          ok = false;
        }
        const elapsed = performance.now() - started;
        samples.push({ ms: elapsed, ok });
        if (paceMs > elapsed) await new Promise((r) => setTimeout(r, paceMs - elapsed));
      }
    }),
  );
  return samples;
}
