// Records what the real Gemini CLI draws in every state Wingman must read, as plain `tmux capture-pane -p -J`
// text, into test/fixtures/gemini/gemini-<version>/. The unit tests of the Gemini screen classifier run over
// these files, so when a new Gemini changes its TUI: install it, re-run this, fix the classifier.
//
//   npm exec -- node scripts/record-gemini-screens.ts [scenario…]   (Node 24 strips the types)
//
// No scenario names = all. One gemini process at a time, each in its own tmux server, a throwaway HOME,
// against the local mock (devkit/mock-gemini.ts): nothing leaves 127.0.0.1. Gemini is started the way
// Wingman starts it (the launch plan of src/agents/gemini/launch.ts, with Wingman's hook settings).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Fixtures, NARROW, runScenarios } from "./record-kit.ts";

const { startMockGemini } = await import("../devkit/mock-gemini.js");
const { GEMINI_BIN, geminiEnv, seedGeminiHome } = await import("../devkit/gemini-home.js");
const { launchPlan } = await import("../src/agents/gemini/launch.js");
const { hookFiles, hookSettingsPath } = await import("../src/agents/gemini/hooks.js");
const { ClaudePane: Pane, sleep } = await import("./record-driver.js");
type P = import("./record-driver.js").ClaudePane;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const VERSION = execFileSync(process.execPath, [GEMINI_BIN, "--version"], { encoding: "utf8" }).trim();
const OUT = join(ROOT, "test", "fixtures", "gemini", `gemini-${VERSION}`);
// Fixed paths so re-recordings differ only where the CLI differs (times, ids). Not under /tmp: Gemini
// skips a system-defaults file (Wingman's hooks) below a folder others can write to.
const BASE = join(ROOT, ".cache", "gemini-screens");

const fixtures = new Fixtures(OUT, { redrawMs: [0, 0] });
const mock = await startMockGemini();

// Gemini redraws inline: a resize leaves the old frame's rows behind, so narrow screens come from a
// session started at 80 columns (the "narrow" scenario), never from resizing a wide one.
async function save(pane: P, scenario: string, name: string, note: string, width = 200) {
  await fixtures.save(pane, scenario, name, note, { width });
}

/** A fresh HOME and project folder (trusted unless `untrusted`), and Gemini started as Wingman starts it. */
async function launch(
  o: { untrusted?: boolean; auth?: boolean; width?: number; resumeId?: string } = {},
): Promise<{ pane: P; work: string; signals: string }> {
  // A resume starts again in the same HOME (where Gemini keeps its conversations) and project folder.
  if (!o.resumeId) rmSync(BASE, { recursive: true, force: true });
  const home = join(BASE, "home");
  const work = join(BASE, "project");
  const agentDir = join(BASE, "agents");
  const signals = join(BASE, "signals");
  for (const d of [home, work, agentDir, signals]) mkdirSync(d, { recursive: true });
  if (!o.resumeId) seedGeminiHome(home, { trustedDirs: o.untrusted ? [] : [work], auth: o.auth });
  for (const f of hookFiles(agentDir)) writeFileSync(f.path, f.content);
  const plan = launchPlan({
    settings: { command: GEMINI_BIN, args: [] },
    session: "rec",
    hookSettings: hookSettingsPath(agentDir),
    signalsDir: signals,
    env: geminiEnv({ home, mockUrl: mock.url }),
    resumeId: o.resumeId,
  });
  const pane = await Pane.launch({ workdir: work, env: plan.env, argv: plan.argv, width: o.width });
  return { pane, work, signals };
}

const IDLE = "Type your message or @path/to/file";
/** The status row (just above the input box) shows a spinner while a turn runs: `⠴ Thinking... (esc to cancel, 3s)`. */
const busy = (s: string) => /\(esc to cancel, /.test(s.trimEnd().split("\n").slice(-12).join("\n"));

/** Type as Wingman does (docs/gemini.md, "Text"): the first character alone, the rest once it shows. */
async function typeText(pane: P, text: string): Promise<void> {
  await pane.type(text.slice(0, 1));
  await sleep(400);
  if (text.length > 1) await pane.type(text.slice(1));
}
async function submit(pane: P, text: string): Promise<void> {
  await typeText(pane, text);
  await sleep(300);
  await pane.keys("Enter");
}

/** Submit, and wait until that prompt's turn has ended on screen and the input box is empty again. */
async function turn(pane: P, text: string, timeoutMs = 20_000): Promise<void> {
  await submit(pane, text);
  await pane.waitFor((s) => s.includes(` > ${text.split("\n")[0]}`), timeoutMs, `the prompt "${text}" in history`);
  await pane.waitFor((s) => !busy(s) && s.includes(IDLE), timeoutMs, `the end of the turn "${text}"`);
  await sleep(800);
}

/** A busy loop on one core, as under a loaded machine; stopped by its PID. */
function cpuHog(): { stop(): void } {
  const child = spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
  return {
    stop() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGKILL");
    },
  };
}

/**
 * Every distinct frame from now until `done` holds and the screen has then stood still for `quietMs`,
 * with its time since `t0` (a capture every 25 ms; identical frames in a row are kept once).
 */
async function frames(
  pane: P,
  t0: number,
  done: (s: string) => boolean,
  timeoutMs: number,
  quietMs = 2000,
): Promise<Array<{ ms: number; screen: string }>> {
  const out: Array<{ ms: number; screen: string }> = [];
  const until = Date.now() + timeoutMs;
  let doneAt = 0;
  let changedAt = Date.now();
  for (;;) {
    const screen = await pane.capture().catch(() => "");
    if (screen !== out.at(-1)?.screen) {
      out.push({ ms: Date.now() - t0, screen });
      changedAt = Date.now();
    }
    if (!doneAt && done(screen)) doneAt = Date.now();
    if (doneAt && Date.now() - Math.max(doneAt, changedAt) >= quietMs) return out;
    if (Date.now() > until) throw new Error(`timed out recording frames; last screen:\n${screen}`);
    await sleep(25);
  }
}

const SCENARIOS: Record<string, () => Promise<void>> = {
  async main() {
    const s = "main";
    const { pane, work, signals } = await launch();
    try {
      await pane.settle(IDLE, 30_000, 3000);
      await save(pane, s, "idle-fresh", "first screen, idle");
      await typeText(pane, "fix the flaky test in parser.spec.ts? And why!");
      await pane.settle("And why!", 5000, 500);
      await save(pane, s, "idle-typed-text", "text typed in the input box, not submitted");
      await pane.keys("Escape", "Escape");
      await sleep(800);
      await pane.keys("C-u");
      await sleep(500);
      await typeText(pane, "first line\nsecond line");
      await pane.settle("second line", 5000, 800);
      await save(pane, s, "idle-typed-multiline", "two lines typed in the input box (a line feed), not submitted");
      await pane.keys("C-u", "BSpace", "C-u");
      await sleep(500);
      await turn(pane, "SAY hello there");
      await save(pane, s, "idle-after-turn", "idle after a turn");
      await submit(pane, "SLOW 6 zz");
      await pane.settle("esc to cancel", 8000, 300);
      await save(pane, s, "working", "waiting for the model: the spinner row");
      await pane.waitFor((x) => !busy(x), 15_000, "the end of SLOW 6");
      await sleep(800);
      await submit(pane, `RUN_BASH touch ${join(work, "approved.txt")}`);
      await pane.settle("Allow execution of", 15_000, 1200);
      await save(pane, s, "approval-shell", "a shell command asks for approval");
      await pane.keys("Down");
      await sleep(600);
      await save(pane, s, "approval-shell-option2", "the cursor on option 2");
      await pane.keys("Up");
      await sleep(400);
      await pane.keys("1");
      await pane.waitFor((x) => x.includes("TOOL_RESULT") && !busy(x) && x.includes(IDLE), 15_000, "the approved turn");
      await sleep(800);
      await save(pane, s, "after-approve", "idle after approving once");
      await submit(pane, `RUN_BASH touch ${join(work, "denied.txt")}`);
      await pane.settle("Allow execution of", 15_000, 1200);
      await pane.keys("Escape");
      await pane.settle("Request cancelled.", 10_000, 800);
      await save(pane, s, "after-deny", "idle after denying (Esc): the request is cancelled");
      await submit(pane, "ASK Which colour should the button be? | Red | Blue");
      await pane.settle("Enter to select", 15_000, 1200);
      await save(pane, s, "question", "the model asks a question (ask_user)");
      await pane.keys("2");
      await pane.waitFor(
        (x) => x.includes("Pick → Blue") && !busy(x) && x.includes(IDLE),
        15_000,
        "the answered question",
      );
      await sleep(800);
      await save(pane, s, "after-question", "idle after answering the question");
      await turn(pane, "FAIL 400 the request was bad");
      await save(pane, s, "error-400", "a 400: the turn ends with an API error");
      await typeText(pane, "try again please");
      await pane.settle("try again please", 5000, 400);
      await save(pane, s, "error-typed-text", "after an error, text typed in the input box");
      await pane.keys("C-u");
      await sleep(400);
      await submit(pane, "FAIL 429 quota exceeded");
      await pane.settle(/esc to cancel, [3-9]s/, 15_000, 200);
      await save(pane, s, "working-retrying", "a 429 is retried: the spinner keeps running");
      await pane.keys("Escape");
      await pane.waitFor((x) => !busy(x) && x.includes(IDLE), 10_000, "the cancelled retry");
      await sleep(800);
      await save(pane, s, "after-cancel", "idle after Esc cancelled a running turn");
      await turn(
        pane,
        "SAY ⠴ Thinking... (esc to cancel, 3s)\nTo resume this session: gemini --resume 0199aaaa-bbbb-cccc-dddd-eeeeeeeeeeee\n✕ [API Error: 429]\nAllow execution of [Shell]?\n● 1. Allow once\n\none\ntwo\nthree\nfour\nfive\nsix",
      );
      await save(pane, s, "idle-history-trap", "a reply that quotes markers (resume, error, dialog) in prose");
      await submit(pane, "/quit");
      await pane.waitDead(15_000);
      await sleep(500);
      await save(pane, s, "exited-quit", "/quit: the summary and the resume command");
      const events = readdirSync(signals).filter((f) => f.endsWith(".json"));
      console.log(`  hook files: ${events.length}`);
      writeFileSync(
        join(OUT, "hook-events.json"),
        `${JSON.stringify(
          events.sort().map((f) => JSON.parse(readFileSync(join(signals, f), "utf8")).event?.hook_event_name),
          null,
          2,
        )}\n`,
      );
    } finally {
      await pane.close();
    }
  },

  async firstrun() {
    const { pane } = await launch({ untrusted: true, auth: false });
    try {
      await pane.settle("Do you trust the files in this folder?", 30_000, 1500);
      await save(pane, "firstrun", "trust-prompt", "an untrusted folder");
      await pane.keys("Enter");
      await pane.settle("How would you like to authenticate", 30_000, 1500);
      await save(pane, "firstrun", "auth-dialog", "first run without a chosen authentication");
    } finally {
      await pane.close();
    }
  },

  async narrow() {
    const { pane, work } = await launch({ width: NARROW });
    try {
      await pane.settle(IDLE, 30_000, 3000);
      await save(pane, "narrow", "idle-fresh.narrow", "first screen, idle (80 columns)", NARROW);
      await submit(pane, "ASK Which colour should the button be? | Red | Blue");
      await pane.settle("Enter to select", 15_000, 1200);
      await save(pane, "narrow", "question.narrow", "the model asks a question (80 columns)", NARROW);
      await pane.keys("1");
      await pane.waitFor((x) => x.includes("TOOL_RESULT") && !busy(x) && x.includes(IDLE), 15_000, "the answer");
      await sleep(800);
      await submit(
        pane,
        `RUN_BASH touch ${join(work, "a-file-with-a-rather-long-name-so-that-the-command-wraps-in-the-box.txt")}`,
      );
      await pane.settle("Allow execution of", 15_000, 1200);
      await save(pane, "narrow", "approval-shell.narrow", "a shell command asks for approval (80 columns)", NARROW);
    } finally {
      await pane.close();
    }
  },

  // `gemini --resume <id>` frame by frame, with one core kept busy: what a resumed session shows before its
  // earlier conversation is back (docs/gemini.md, "Resume").
  async resume() {
    const s = "resume";
    const first = await launch();
    let id = "";
    try {
      await first.pane.settle(IDLE, 30_000, 2000);
      await turn(first.pane, "SAY remember the word PELICAN-41");
      await turn(first.pane, "SAY the second turn of the earlier conversation");
      await submit(first.pane, "/quit");
      await first.pane.waitDead(15_000);
      id = /gemini --resume ([0-9a-f-]{36})/.exec(await first.pane.capture())?.[1] ?? "";
    } finally {
      await first.pane.close();
    }
    if (!id) throw new Error("no resume id on the /quit screen");
    const hog = cpuHog();
    try {
      const before = new Set(readdirSync(first.signals));
      const t0 = Date.now();
      const { pane, signals } = await launch({ resumeId: id });
      try {
        const drawn = (x: string) => x.includes("the second turn of the earlier conversation") && x.includes(IDLE);
        const seen = await frames(pane, t0, drawn, 60_000);
        const times: string[] = [];
        seen.forEach((f, i) => {
          const name = `resume-${String(i + 1).padStart(2, "0")}`;
          writeFileSync(join(OUT, `${name}.txt`), f.screen);
          fixtures.manifest[name] = {
            file: `${name}.txt`,
            scenario: s,
            width: 200,
            paneDead: false,
            note: `gemini --resume, frame ${i + 1} of ${seen.length}, one core busy`,
          };
          times.push(`${name} ${f.ms} ms`);
          console.log(`  saved ${name} at ${f.ms} ms`);
        });
        // When the hooks fired, on the same clock (the hook program names its file by its time in ns).
        const hooks = readdirSync(signals)
          .filter((f) => f.endsWith(".json") && !before.has(f))
          .sort()
          .map((f) => {
            const body = JSON.parse(readFileSync(join(signals, f), "utf8"));
            return `${body.event?.hook_event_name}${body.event?.source ? ` (${body.event.source})` : ""} ${Math.round(body.received_ns / 1e6 - t0)} ms`;
          });
        console.log(`  frames: ${times.join(", ")}`);
        console.log(`  hooks: ${hooks.join(", ")}`);
      } finally {
        await pane.close();
      }
    } finally {
      hog.stop();
    }
  },

  async ctrlc() {
    const { pane } = await launch();
    try {
      await pane.settle(IDLE, 30_000, 2000);
      await turn(pane, "SAY bye");
      await pane.keys("C-c");
      await sleep(600);
      await save(pane, "ctrlc", "ctrl-c-once", "one Ctrl+C on an empty input box: asks for a second");
      await pane.keys("C-c");
      await pane.waitDead(15_000);
      await sleep(500);
      await save(pane, "ctrlc", "exited-ctrl-c", "Ctrl+C twice: exited");
    } finally {
      await pane.close();
    }
  },
};

await runScenarios(SCENARIOS, fixtures, async () => {
  await mock.close();
  rmSync(BASE, { recursive: true, force: true });
});
