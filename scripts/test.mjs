#!/usr/bin/env node
// `npm test`: installs what is missing, then runs every test (scripts/run-tests.ts).
import { spawn } from "node:child_process";
import { ensureDependencies, exitCodeOf, tsxArgs } from "./bootstrap.mjs";

ensureDependencies();
const child = spawn(process.execPath, tsxArgs("scripts/run-tests.ts", process.argv.slice(2)), { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(exitCodeOf(code, signal)));
