#!/usr/bin/env node
// Watches every process's command line (/proc/PID/cmdline, what any local user can read) for a secret, as
// fast as it can, until it gets SIGTERM; then prints the hits as JSON ({ sweeps, hits: [{ pid, cmdline }] },
// the secret shown as <SECRET>). The secret comes on stdin, so this watcher's own command line never holds it.
import { readdirSync, readFileSync } from "node:fs";

let secret = "";
for await (const chunk of process.stdin) secret += chunk;
secret = secret.replace(/\n$/, "");
if (!secret) {
  process.stderr.write("cmdline-watch: give the secret on stdin\n");
  process.exit(2);
}

const hits = new Map();
let sweeps = 0;
let stop = false;
process.on("SIGTERM", () => {
  stop = true;
});
process.stdout.write("ready\n");

while (!stop) {
  for (const f of readdirSync("/proc")) {
    if (!/^\d+$/.test(f) || Number(f) === process.pid) continue;
    let cmd;
    try {
      cmd = readFileSync(`/proc/${f}/cmdline`, "latin1");
    } catch {
      continue; // gone
    }
    if (cmd.includes(secret))
      hits.set(`${f} ${cmd}`, { pid: Number(f), cmdline: cmd.replaceAll(secret, "<SECRET>").replaceAll("\0", " ") });
  }
  sweeps++;
  await new Promise((r) => setImmediate(r));
}
process.stdout.write(`${JSON.stringify({ sweeps, hits: [...hits.values()] })}\n`);
