#!/usr/bin/env node
// `npm start`: installs what is missing, then hands over to scripts/serve.ts (embedded PostgreSQL,
// migrations, demo data, build, serve). Plain JavaScript because it runs before dependencies exist.
import { spawn } from "node:child_process";
import { ensureDependencies, exitCodeOf, tsxArgs } from "./bootstrap.mjs";

ensureDependencies();
const child = spawn(process.execPath, tsxArgs("scripts/serve.ts", process.argv.slice(2)), { stdio: "inherit" });
// The terminal delivers Ctrl-C to the whole process group; the child shuts the portal down cleanly.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
// Ctrl-C ends in a clean exit 0 of the child; a killed child is a failure (128 + signal), never 0.
child.on("exit", (code, signal) => process.exit(exitCodeOf(code, signal)));
