// How long each parser takes on long hostile lines (devkit/hostile-lines.ts: a pattern's start repeated to the
// length), now and with the old patterns kept below as the baseline, in the same run:
//
//   npm exec -- node bench/parsers.ts [LENGTHS] [REPEATS]     (default 4096,32000 and 3; e.g. 4096,32000,96000 1)
//
//   redact    redactSecrets (api/redact.ts); baseline: the same table with the old JWT pattern (`\beyJ…`)
//   risk      assessRisk of a Bash command (core/approvals/risk.ts); baseline: every rule of the table on the
//             whole text, no length bound, the old `git\s+…-c` rule
//   claude    the Claude Code screen classifier; baseline: the same after the old end trim (/\s+$/ per line)
//   codex     the Codex screen classifier; baseline: likewise
// Each hostile line is read as a command (risk), as text (redact), and as one history line of a recorded idle
// screen followed by " ." (the screens). Printed: per parser and length, the median and p95 over every hostile
// line × repeat, in ms. The parsers are bundled from src/ with esbuild (tsup's own), not read from dist/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { hostileLines } from "../devkit/hostile-lines.ts";
import { stats } from "./common.ts";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
// 4096: the longest command the risk rules read (MAX_RISK_INPUT); longer ones are high without reading.
const lengths = (process.argv[2] ?? "4096,32000").split(",").map(Number);
const repeats = Number(process.argv[3] ?? 3);
if (lengths.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(repeats) || repeats < 1) {
  console.error("usage: node bench/parsers.ts [LENGTH,…] [REPEATS]");
  process.exit(2);
}

// The parsers as they are in src/, bundled into one module for this run.
const tmp = mkdtempSync(join(tmpdir(), "wm-parsers-bench-"));
const entry = join(tmp, "entry.ts");
writeFileSync(
  entry,
  [
    `export { redactSecrets, SECRET_PATTERNS } from ${JSON.stringify(join(repo, "src/api/redact.ts"))};`,
    `export { assessRisk, HIGH_COMMAND } from ${JSON.stringify(join(repo, "src/core/approvals/risk.ts"))};`,
    `export { classifyScreen as claudeScreen } from ${JSON.stringify(join(repo, "src/agents/claude-code/screen.ts"))};`,
    `export { classifyScreen as codexScreen } from ${JSON.stringify(join(repo, "src/agents/codex/screen.ts"))};`,
  ].join("\n"),
);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: join(tmp, "parsers.mjs"),
  logLevel: "error",
});
type Parsers = Pick<typeof import("../src/api/redact.ts"), "redactSecrets" | "SECRET_PATTERNS"> &
  Pick<typeof import("../src/core/approvals/risk.ts"), "assessRisk" | "HIGH_COMMAND"> & {
    claudeScreen: typeof import("../src/agents/claude-code/screen.ts")["classifyScreen"];
    codexScreen: typeof import("../src/agents/codex/screen.ts")["classifyScreen"];
  };
const P = (await import(pathToFileURL(join(tmp, "parsers.mjs")).href)) as Parsers;
rmSync(tmp, { recursive: true, force: true });

// ------------------------------------------------------------------ the old patterns (the baseline)
const OLD_JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const OLD_GIT_C =
  /\bgit\s+(?:[^\n;&|]*\s)?-c\s*["']?(?:alias\.|core\.(?:pager|editor|ssh[cC]ommand|fsmonitor|hooks[pP]ath|askpass)|[\w.-]*\.(?:textconv|command|cmd|helper|program|external)|diff\.external|credential\.|sequence\.editor|gpg\.)/;
const oldClean = (text: string) =>
  text
    .split("\n")
    .map((l) => l.replace(/\u00a0/g, " ").replace(/\s+$/, ""))
    .join("\n");

function oldRedact(text: string): string {
  let out = text;
  for (const p of P.SECRET_PATTERNS) {
    const re = p.name === "JSON web token" ? OLD_JWT : p.re;
    out = typeof p.replace === "string" ? out.replace(re, p.replace) : out.replace(re, p.replace);
  }
  return out;
}

function oldRisk(command: string): number {
  let hits = 0;
  for (const r of P.HIGH_COMMAND) {
    const test = r.reason === "git -c runs a program" ? OLD_GIT_C : r.test;
    if (typeof test === "function" ? test(command, "/home/u/project") : test.test(command)) hits++;
  }
  return hits;
}

// ------------------------------------------------------------------ inputs and timing
const claudeIdle = readFileSync(join(repo, "test/fixtures/screens/claude-code-2.1.331/idle-after-turn.txt"), "utf8");
const codexIdle = readFileSync(join(repo, "test/fixtures/codex/codex-0.171.0/idle-after-turn.txt"), "utf8");
const inScreen = (idle: string, marker: string, line: string) =>
  idle.replace(marker, `${marker.slice(0, 2)}${line.replace(/\n/g, " ")} .`);

type Parser = { name: string; now: (line: string) => unknown; before: (line: string) => unknown };
const parsers: Parser[] = [
  { name: "redact", now: (l) => P.redactSecrets(l), before: (l) => oldRedact(l) },
  {
    name: "risk",
    now: (l) => P.assessRisk({ kind: "tool", tool: "Bash", detail: l }, "/home/u/project", "shell"),
    before: (l) => oldRisk(l),
  },
  {
    name: "claude screen",
    now: (l) => P.claudeScreen(inScreen(claudeIdle, "● Hello from the mock model.", l)),
    before: (l) => P.claudeScreen(oldClean(inScreen(claudeIdle, "● Hello from the mock model.", l))),
  },
  {
    name: "codex screen",
    now: (l) => P.codexScreen(inScreen(codexIdle, "• hello there", l)),
    before: (l) => P.codexScreen(oldClean(inScreen(codexIdle, "• hello there", l))),
  },
];

function time(f: (l: string) => unknown, line: string): number {
  const t = performance.now();
  f(line);
  return performance.now() - t;
}

// Warm up (compile every pattern and the parsers' code) on short lines first.
for (const l of hostileLines(500)) {
  for (const p of parsers) {
    p.now(l.text);
    p.before(l.text);
  }
}

const f = (x: number) => (x < 10 ? x.toFixed(2) : `${Math.round(x)}`).padStart(8);
console.log(
  `Parsers on long hostile lines (${hostileLines(1).length} lines per length, ${repeats} repeat${repeats === 1 ? "" : "s"}; ms per line)`,
);
for (const n of lengths) {
  const lines = hostileLines(n);
  console.log(`\n  ${n} characters`);
  for (const p of parsers) {
    const now: number[] = [];
    const before: number[] = [];
    let worst = { ms: 0, name: "" };
    for (let r = 0; r < repeats; r++) {
      for (const l of lines) {
        now.push(time(p.now, l.text));
        const b = time(p.before, l.text);
        before.push(b);
        if (b > worst.ms) worst = { ms: b, name: l.name };
      }
    }
    const a = stats(now);
    const b = stats(before);
    console.log(
      `    ${p.name.padEnd(14)} now: median ${f(a.p50)}  p95 ${f(a.p95)}  max ${f(a.max)}   | old patterns: median ${f(b.p50)}  p95 ${f(b.p95)}  max ${f(b.max)} (${worst.name})`,
    );
  }
}
