#!/usr/bin/env node
// A stand-in for Claude Code where Claude Code itself is not the point (registry, restarts, prompt
// delivery through real tmux). It draws the same idle layout as Claude Code 2.1.331 (recorded in
// test/fixtures/screens/claude-code-2.1.331/idle-fresh.txt: input box between two ──── rules, `❯`+NBSP,
// the manual-mode footer), echoes typed keys into that box, and on Enter appends the prompt exactly as
// received to $STANDIN_LOG (one JSON string per line). A literal newline stays in the box, like Claude.
import { appendFileSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// `--version` as the real CLIs answer it (`wingman hosts` asks every agent program for its version).
if (process.argv.includes("--version")) {
  process.stdout.write("0.0.0 (stand-in)\n");
  process.exit(0);
}
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
// The prompt `ASK` plays a permission request the way Claude Code does it, slowed down: the hook event
// first (written as hooks/wingman-hook.sh writes it), "Waiting for permission…" on screen, and the recorded
// Bash dialog only STANDIN_DRAW_DELAY_MS later (`ASK_RISKY`: the same dialog asking for `rm -rf build`). Enter on the dialog logs "ANSWERED" and returns to idle.
const SCREENS = join(import.meta.dirname, "../test/fixtures/screens/claude-code-2.1.331");
let dialog = "none"; // "none" | "announced" | "drawn"

function hookEvent(event) {
  const dir = process.env.WMHOOK_EVENTS;
  if (!dir) return;
  const ns = `${BigInt(Date.now()) * 1000000n + (process.hrtime.bigint() % 1000000n)}`;
  const body = JSON.stringify({ wingman_session: process.env.WMHOOK_SESSION ?? "", received_ns: Number(ns), event });
  writeFileSync(join(dir, `.${ns}-${process.pid}.tmp`), body);
  renameSync(join(dir, `.${ns}-${process.pid}.tmp`), join(dir, `${ns}-${process.pid}.json`));
}

/** The command the asked dialog shows: the recorded one, or (prompt `ASK_RISKY`) a high-risk one in its place. */
let askCommand = "python3 -c 'print(6*7)'";
let shown = []; // the drawn dialog's lines: Up/Down move its `❯` between the numbered options, as Claude Code does
let cursor = 1;

function drawFixture(name) {
  const file = name.startsWith("/") ? name : join(SCREENS, name);
  const text = readFileSync(file, "utf8").replace(/\n$/, "").replaceAll("python3 -c 'print(6*7)'", askCommand);
  shown = text.split("\n");
  cursor = 1;
  redrawDialog();
}

function redrawDialog() {
  const lines = shown.map((l) => {
    const m = /^ (?:❯|\s) (\d+)\. /.exec(l);
    return m ? ` ${Number(m[1]) === cursor ? "❯" : " "} ${l.slice(3)}` : l;
  });
  out.write(`\x1b[H\x1b[2J${lines.join("\r\n")}`);
}

function moveCursor(by) {
  const count = shown.filter((l) => /^ (?:❯|\s) \d+\. /.test(l)).length;
  cursor = Math.min(Math.max(1, cursor + by), count || 1);
  redrawDialog();
}

function ask() {
  dialog = "announced";
  // STANDIN_ASK_COMMAND + STANDIN_ASK_SCREEN (a screen file) play another Bash request.
  const command = process.env.STANDIN_ASK_COMMAND ?? askCommand;
  hookEvent({ hook_event_name: "PermissionRequest", tool_name: "Bash", tool_input: { command } });
  drawFixture("waiting-permission.txt");
  setTimeout(
    () => {
      dialog = "drawn";
      drawFixture(process.env.STANDIN_ASK_SCREEN ?? "bash-prompt-python.txt");
      // Benchmarks: when the dialog was drawn, on this machine's clock (fake hosts share it).
      if (process.env.STANDIN_DRAWN_LOG) appendFileSync(process.env.STANDIN_DRAWN_LOG, `${Date.now()}\n`);
    },
    Number(process.env.STANDIN_DRAW_DELAY_MS ?? 1500),
  );
}

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
  if (dialog === "drawn") {
    // Arrow keys (normal or application cursor mode) move the dialog's cursor.
    chunk = chunk.replace(/\x1b[[O]([AB])/g, (_, d) => {
      moveCursor(d === "B" ? 1 : -1);
      return "";
    });
  }
  for (const ch of chunk) {
    if (dialog !== "none") {
      // Keys before the dialog is drawn are lost, as in Claude Code; Enter on the drawn dialog answers it
      // (logged as ANSWERED for option 1, `ANSWERED <n>` for another).
      if (dialog === "drawn" && ch === "\r") {
        if (log) appendFileSync(log, `${JSON.stringify(cursor === 1 ? "ANSWERED" : `ANSWERED ${cursor}`)}\n`);
        hookEvent({
          hook_event_name: "PostToolUse",
          tool_name: "Bash",
          tool_input: {},
          tool_response: { stdout: "42" },
        });
        dialog = "none";
        history.push("● answered");
        draw();
      }
      continue;
    }
    if (ch === "\r") {
      if (!input) continue;
      if (log) appendFileSync(log, `${JSON.stringify(input)}\n`);
      if (input === "/exit") process.exit(0);
      if (input === "ASK" || input === "ASK_RISKY") {
        askCommand = input === "ASK" ? "python3 -c 'print(6*7)'" : "rm -rf build";
        input = "";
        ask();
        return;
      }
      history.push(`❯ ${input.split("\n")[0]}`, "● received");
      input = "";
    } else if (ch === "\x7f") input = input.slice(0, -1);
    else if (ch === "\x03") process.exit(130);
    else if (ch === "\n" || ch >= " ") input += ch;
  }
  if (dialog === "none") draw();
});
out.on("resize", draw);
draw();
