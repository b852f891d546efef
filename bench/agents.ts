// The agents side by side (Claude Code, Codex, Gemini CLI, OpenCode), in one run: detection latency and approval round trip.
//
//   npm run build && node bench/agents.ts [TRIALS]     (default 10; in a checkout: npm exec -- node bench/agents.ts)
//
// Real Claude Code 2.1.331 against the mock Anthropic API, the real Codex CLI 0.171.0 against the mock
// Responses API, the real Gemini CLI 0.61.0 against the mock Gemini API and the real OpenCode 1.18.33 against
// its own mock Responses API (it names its shell tool differently), one session of each in one Wingman watched
// by one Monitor (the shipped poll, pollSeconds 2).
// Trials alternate between the agents, so both see the same load.
//
//   detection    dialog drawn (polled every 20 ms by the benchmark) -> the Monitor's approval_needed; each
//                prompt is sent after a random 0-2 s pause, so it meets the monitor's poll at a random phase
//   approval     respond() approve -> dialog verified closed (the dialog on screen >= 2 s first, as when a
//                person reads the phone), split into: request -> answer key sent -> seen closed -> reply
//   finished     the idle screen drawn -> the Monitor's "finished" (0 when the notification came first)
//
// Runs against the built package (dist/). Real-CLI trials run one at a time (2 cores).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLAUDE_BIN, CLAUDE_VERSION, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../devkit/claude-home.ts";
import { CODEX_BIN, CODEX_VERSION, codexEnv, requireCodex, seedCodexHome } from "../devkit/codex-home.ts";
import { GEMINI_BIN, GEMINI_VERSION, geminiEnv, requireGemini, seedGeminiHome } from "../devkit/gemini-home.ts";
import { startMockAnthropic } from "../devkit/mock-anthropic.ts";
import { startMockGemini } from "../devkit/mock-gemini.ts";
import { startMockOpenAI } from "../devkit/mock-openai.ts";
import {
  OPENCODE_BIN,
  OPENCODE_VERSION,
  openCodeEnv,
  requireOpenCode,
  seedOpenCodeHome,
} from "../devkit/opencode-home.ts";
import { endTrial, firstShown, owner, quiet, recordingNotifier, sleep, stampPaneCalls, statsRow } from "./common.ts";

// The built package (so the benchmark measures what ships); typed from its source.
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "index.js");
const { Monitor, createWingman, describeNotification, paneTarget, resolveConfig, describeOutcome } = (await import(
  dist
)) as typeof import("../src/index.ts");

const trials = Number(process.argv[2] ?? 10);
if (!Number.isInteger(trials) || trials < 1) {
  console.error("usage: npm run build && node bench/agents.ts [TRIALS]");
  process.exit(2);
}
requireCodex();
requireGemini();
requireOpenCode();

interface AgentBench {
  label: string;
  session: string;
  agent: string;
  /** The approval dialog is fully drawn (options and footer). */
  dialogDrawn(screen: string): boolean;
  /** The turn that printed `TOOL_RESULT: <n>` has ended on screen. */
  idleDrawn(screen: string, n: number): boolean;
  detect: number[];
  roundTrip: number[];
  beforeKey: number[];
  keyToClosed: number[];
  closedToReply: number[];
  finished: number[];
}

/** The screen from the tool result of this turn on (null while it is not drawn). */
function afterResult(screen: string, n: number): string | null {
  const m = new RegExp(`TOOL_RESULT: ${n}\\s*$`, "m").exec(screen);
  return m ? screen.slice(m.index) : null;
}

/** Empty sample lists, one per figure. */
const samples = () =>
  ({ detect: [], roundTrip: [], beforeKey: [], keyToClosed: [], closedToReply: [], finished: [] }) as Pick<
    AgentBench,
    "detect" | "roundTrip" | "beforeKey" | "keyToClosed" | "closedToReply" | "finished"
  >;

const agents: AgentBench[] = [
  {
    label: `Claude Code ${CLAUDE_VERSION}`,
    session: "bench-claude",
    agent: "claude-code",
    dialogDrawn: (s) => s.includes("Do you want to proceed?"),
    idleDrawn: (s, n) => afterResult(s, n)?.includes("? for shortcuts") === true,
    ...samples(),
  },
  {
    label: `Codex ${CODEX_VERSION}`,
    session: "bench-codex",
    agent: "codex",
    // docs/codex.md: the question, the three options, then the footer.
    dialogDrawn: (s) =>
      s.includes("Would you like to run the following command?") &&
      s.includes("Press enter to confirm or esc to cancel"),
    // The turn's end marker ("Worked for …") below the result, and the empty composer's footer.
    idleDrawn: (s, n) => /Worked for[\s\S]*\? for shortcuts/.test(afterResult(s, n) ?? ""),
    ...samples(),
  },
  {
    label: `Gemini CLI ${GEMINI_VERSION}`,
    session: "bench-gemini",
    agent: "gemini",
    // docs/gemini.md: the question, then the three options in the box.
    dialogDrawn: (s) => s.includes("Allow execution of [Shell]?") && s.includes("3. No, suggest changes (esc)"),
    // The input box's placeholder below the result, and no spinner row.
    idleDrawn: (s, n) => {
      const after = afterResult(s, n) ?? "";
      return after.includes("Type your message or @path/to/file") && !after.includes("(esc to cancel, ");
    },
    ...samples(),
  },
  {
    label: `OpenCode ${OPENCODE_VERSION}`,
    session: "bench-opencode",
    agent: "opencode",
    // docs/opencode.md: the title, then the button row with its key hints.
    dialogDrawn: (s) => s.includes("△ Permission required") && s.includes("⇆ select"),
    // The reply (a wide screen's sidebar may share its line), the turn's end line with its time, an idle status row.
    idleDrawn: (s, n) => {
      const at = s.search(new RegExp(`TOOL_RESULT: ${n}\\b`));
      return at >= 0 && /▣ {2}.* · \d/.test(s.slice(at)) && !s.includes("esc interrupt");
    },
    ...samples(),
  },
];

// One HOME for Claude Code and Gemini CLI, a private CODEX_HOME, one project folder trusted by all (as the
// devkit rigs). Not under /tmp: Gemini skips Wingman's hook settings below a folder others can write to.
mkdirSync(join(homedir(), ".cache"), { recursive: true });
const root = mkdtempSync(join(homedir(), ".cache", "wm-bench-agents-"));
const anthropic = await startMockAnthropic();
const openai = await startMockOpenAI();
const google = await startMockGemini();
const openaiForOpenCode = await startMockOpenAI({ dialect: "opencode" });
const home = join(root, "home");
const codexHome = join(root, "codex-home");
const work = join(root, "project");
mkdirSync(join(home, ".claude"), { recursive: true });
mkdirSync(work);
seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [work] });
seedCodexHome(codexHome, { mockUrl: openai.url, trustedDirs: [work] });
seedGeminiHome(home, { trustedDirs: [work] });
// OpenCode reads the same XDG folders under the shared HOME that the Gemini rig sets.
const ocDirs = {
  home,
  config: join(home, ".config"),
  cache: join(home, ".cache"),
  data: join(home, ".local", "share"),
  state: join(home, ".local", "state"),
};
seedOpenCodeHome(ocDirs, { mockUrl: openaiForOpenCode.url });
const claude = claudeEnv({ home, mockUrl: anthropic.url, apiKey: FAKE_API_KEY, maxRetries: 1 });
const env = {
  ...claude,
  ...codexEnv({ home, codexHome }),
  ...geminiEnv({ home, mockUrl: google.url }),
  ...openCodeEnv(ocDirs),
  PATH: claude.PATH ?? "/usr/local/bin:/usr/bin:/bin",
  WINGMAN_STATE_DIR: join(root, "state"),
  WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
  WINGMAN_CODEX_COMMAND: CODEX_BIN,
  WINGMAN_GEMINI_COMMAND: GEMINI_BIN,
  WINGMAN_OPENCODE_COMMAND: OPENCODE_BIN,
};
const config = resolveConfig({ pollSeconds: 2 }, env);
const w = createWingman({ config, env });
const { notes, notifier, waitNote } = recordingNotifier();
const monitor = new Monitor({ describe: describeNotification, wingman: w, config, logger: quiet, notifier });

// Where an approve's time goes: every pane call the core makes, stamped.
const stamps = stampPaneCalls(w.panes, ["capture", "sendKeys", "typeText"]);

async function trial(a: AgentBench, i: number): Promise<void> {
  const target = paneTarget(a.session);
  // A prompt arrives at no particular moment of the monitor's poll: without this pause every trial would
  // start at the same phase of it (just after the previous trial's last notification).
  await sleep(Math.random() * 2000);
  const mark = notes.length;
  const sent = await w.send(a.session, `RUN_BASH python3 -c 'print(${i}*7)'`, {}, owner);
  if (!sent.ok) {
    console.log(`  ${a.label} trial ${i}: send refused: ${describeOutcome(sent)}`);
    return;
  }
  // "Dialog drawn": the first capture, polled every 20 ms by the benchmark itself, that shows it whole.
  const drawn = await firstShown(() => w.tmux.capture(target), a.dialogDrawn);
  const note = drawn ? await waitNote(a.session, "approval_needed", mark, 20_000) : undefined;
  if (drawn && note) a.detect.push(Math.max(0, note.t - drawn));
  else {
    const seen = notes
      .slice(mark)
      .filter((x) => x.session === a.session)
      .map((x) => x.type);
    console.log(
      `  ${a.label} trial ${i}: ${drawn ? `no approval_needed notification (had: ${seen.join(", ") || "none"})` : "the dialog was never drawn"}`,
    );
  }
  if (!drawn) return;
  // A person reads the phone first: the dialog stays at least 2 s before the answer arrives.
  await sleep(Math.max(0, drawn + 2000 - Date.now()));
  const [v] = await w.status(a.session);
  if (!v?.pending) {
    console.log(`  ${a.label} trial ${i}: no pending prompt (state ${v?.state})`);
    return;
  }
  const from = stamps.length;
  const t0 = Date.now();
  const r = await w.respond({ session: a.session, action: "approve", id: v.pending.id }, owner);
  const t1 = Date.now();
  if (r.ok) a.roundTrip.push(t1 - t0);
  else console.log(`  ${a.label} trial ${i}: ${describeOutcome(r)}`);
  // The answer key (Claude Code: Enter on "Yes"; Codex: `y`) -> the capture that saw the dialog gone
  // (the answer's last capture: its closing poll; refreshes read through snapshot, not capture).
  const mine = stamps.slice(from).filter((s) => s.session === a.session);
  const key = mine.filter((s) => s.op === "sendKeys").at(-1);
  const seen = key ? mine.filter((s) => s.op === "capture" && s.start >= key.end).at(-1) : undefined;
  if (r.ok && key && seen) {
    a.beforeKey.push(key.start - t0);
    a.keyToClosed.push(seen.end - key.start);
    a.closedToReply.push(t1 - seen.end);
  }
  // Turn end: the idle screen drawn (polled every 20 ms) -> the "finished" notification.
  const idleAt = await firstShown(
    () => w.tmux.capture(target),
    (screen) => a.idleDrawn(screen, i * 7),
  );
  // The next trial starts from a settled idle session (and the other agent's trial from a quiet monitor).
  await endTrial({
    status: (n) => w.status(n),
    waitNote,
    session: a.session,
    label: a.label,
    width: 20,
    i,
    mark,
    idleAt,
    finished: a.finished,
    legs: { detection: note && Math.max(0, note.t - drawn), approval: r.ok ? t1 - t0 : undefined },
  });
}

const row = (label: string, pick: (a: AgentBench) => number[]) => console.log(statsRow(label, 36, agents.map(pick)));

console.log(
  `Agents side by side (${new Date().toISOString()}, node ${process.version}; ${trials} trials each, alternating; monitor poll 2 s)`,
);
try {
  for (const a of agents) {
    const r = await w.spawn({ session: a.session, workdir: work, agent: a.agent }, owner);
    if (!r.ok) throw new Error(`spawn ${a.session}: ${describeOutcome(r)}`);
  }
  for (const a of agents) {
    let state = "";
    // OpenCode's first start in a fresh data folder sets up its database (tens of seconds on a loaded machine).
    for (let k = 0; k < 1500 && state !== "idle"; k++) {
      state = (await w.status(a.session))[0]?.state ?? "";
      if (state !== "idle") await sleep(100);
    }
    if (state !== "idle") throw new Error(`${a.session} did not become idle (state ${state})`);
  }
  await monitor.start();
  for (let i = 0; i < trials; i++) for (const a of agents) await trial(a, i);
} finally {
  await monitor.stop();
  await w.tmux.killServer(); // our own socket only
  await anthropic.close();
  await openai.close();
  await google.close();
  await openaiForOpenCode.close();
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); // a killed agent may still be writing its HOME
}

console.log(`\n  ${"".padEnd(36)} ${agents.map((a) => a.label.padEnd(38)).join(" | ")}`);
row("dialog drawn -> notification", (a) => a.detect);
row("approve -> dialog verified closed", (a) => a.roundTrip);
row("  of which: request -> answer key", (a) => a.beforeKey);
row("  of which: key -> seen closed", (a) => a.keyToClosed);
row("  of which: seen closed -> reply", (a) => a.closedToReply);
row("turn ended -> 'finished'", (a) => a.finished);
