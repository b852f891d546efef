#!/usr/bin/env node
// A stand-in for Claude Code where Claude Code itself is not the point (registry, restarts, prompt
// delivery through real tmux). It draws the same idle layout as Claude Code 2.1.331 (recorded in
// test/fixtures/screens/claude-code-2.1.331/idle-fresh.txt: input box between two ──── rules, `❯`+NBSP,
// the manual-mode footer), echoes typed keys into that box, and on Enter appends the prompt exactly as
// received to $STANDIN_LOG (one JSON string per line). A literal newline stays in the box, like Claude.
import { appendFileSync, writeFileSync } from "node:fs";

const log = process.env.STANDIN_LOG;
const mode = process.env.STANDIN_MODE ?? "idle"; // "idle" | "exit-now" | "crash"
if (mode === "exit-now") process.exit(0);
if (mode === "crash") {
  process.stderr.write("stand-in: crashing on purpose\n");
  process.exit(3);
}

// Security tests: what the agent can see (its environment) and what it can make tmux report (its folder).
if (process.env.STANDIN_ENV_DUMP) writeFileSync(process.env.STANDIN_ENV_DUMP, JSON.stringify(process.env));
if (process.env.STANDIN_CHDIR) process.chdir(process.env.STANDIN_CHDIR);

const history = [];
let input = "";
const out = process.stdout;

function draw() {
  const cols = out.columns || 200;
  const rows = out.rows || 50;
  const rule = "─".repeat(cols);
  const inputLines = input.split("\n").map((l, i) => (i === 0 ? `❯\u00a0${l}` : `  ${l}`));
  const bottom = [rule, ...inputLines, rule, "  ⏸ manual mode on · ? for shortcuts"];
  const top = [" ▐▛███▛█   Stand-in agent (not Claude)", "", ...history.slice(-(rows - bottom.length - 4))];
  const pad = Math.max(0, rows - top.length - bottom.length);
  const screen = [...top, ...Array(pad).fill(""), ...bottom].slice(0, rows);
  out.write(`\x1b[H\x1b[2J${screen.join("\r\n")}`);
}

process.stdin.setRawMode?.(true);
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  for (const ch of chunk) {
    if (ch === "\r") {
      if (!input) continue;
      if (log) appendFileSync(log, `${JSON.stringify(input)}\n`);
      if (input === "/exit") process.exit(0);
      history.push(`❯ ${input.split("\n")[0]}`, "● received");
      input = "";
    } else if (ch === "\x7f") input = input.slice(0, -1);
    else if (ch === "\x03") process.exit(130);
    else if (ch === "\n" || ch >= " ") input += ch;
  }
  draw();
});
out.on("resize", draw);
draw();
