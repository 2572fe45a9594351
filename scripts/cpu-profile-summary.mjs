// node scripts/cpu-profile-summary.mjs file.cpuprofile [top=40] [filter]
// Self time per function (name, file:line) of a V8 CPU profile (node --cpu-prof, BENCH_PROFILE_DIR of
// the bench scripts), largest first, and the share of idle time: where a page's server time goes.
// With a filter (a regular expression), also the total (inclusive) time of the matching functions.
import { readFileSync } from "node:fs";

const [file, top = "40", filter] = process.argv.slice(2);
if (!file) throw new Error("usage: node scripts/cpu-profile-summary.mjs file.cpuprofile [top] [filter]");
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfMicros = new Map();
profile.samples.forEach((id, i) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const label = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^file:\/\//, "").replace(/.*\/(node_modules|\.next[^/]*)\//, "$1/");
  return `${f.functionName || "(anonymous)"} ${url}:${f.lineNumber + 1}`;
};
const self = new Map();
let total = 0;
for (const [id, us] of selfMicros) {
  total += us;
  const key = label(byId.get(id));
  self.set(key, (self.get(key) ?? 0) + us);
}
const ms = (us) => (us / 1000).toFixed(0).padStart(7);
console.log(`total ${ms(total)} ms sampled`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(`${ms(us)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
if (filter) {
  const re = new RegExp(filter);
  const inclusive = new Map();
  for (const [id, us] of selfMicros) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const key = label(byId.get(n));
      if (re.test(key) && !seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + us);
      }
    }
  }
  console.log(`\ninclusive time of functions matching ${filter}`);
  for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${ms(us)} ms  ${key}`);
}
