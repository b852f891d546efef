// Records what the real OpenCode draws in every state Wingman must read into
// test/fixtures/opencode/opencode-<version>/: each screen twice, as plain `tmux capture-pane -p -J` text
// (`NAME.txt`, for people) and with its colours (`NAME.e.txt`, `-e`: what Wingman's classifier reads, since
// OpenCode shows the selected button and an error block by colour alone). The unit tests of the OpenCode
// classifier run over these files, so when a new OpenCode changes its TUI: install it, re-run this, fix it.
//
//   npm exec -- node scripts/record-opencode-screens.ts [scenario…]   (Node 24 strips the types)
//
// One OpenCode at a time, each in its own tmux server, with throwaway HOME and XDG folders, against the
// local mock (devkit/mock-openai.ts): nothing leaves 127.0.0.1. OpenCode is started the way Wingman starts it.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Fixtures, runScenarios } from "./record-kit.ts";

const { startMockOpenAI } = await import("../devkit/mock-openai.js");
const { OPENCODE_BIN, openCodeDirs, openCodeEnv, seedOpenCodeHome } = await import("../devkit/opencode-home.js");
const { launchPlan } = await import("../src/agents/opencode/launch.js");
const { ClaudePane: Pane, sleep } = await import("./record-driver.js");
type P = import("./record-driver.js").ClaudePane;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const VERSION = (execFileSync(OPENCODE_BIN, ["--version"], { encoding: "utf8" }).match(/\d+\.\d+\.\d+/) ?? [
  "unknown",
])[0];
const OUT = join(ROOT, "test", "fixtures", "opencode", `opencode-${VERSION}`);
// Fixed paths so re-recordings differ only where the CLI differs (times, ids).
const BASE = "/tmp/wingman-opencode-screens";

const mock = await startMockOpenAI({ dialect: "opencode" });

const trim = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n+$/, "\n");
const coloured = async (pane: P) => trim(await pane.tmux(["capture-pane", "-p", "-e", "-J", "-t", pane.target]));

// Each screen plain (NAME.txt) and with its colours (NAME.e.txt).
const fixtures = new Fixtures(OUT, { redrawMs: [1200, 1000], colours: coloured });
const save = fixtures.save;

/** Fresh HOME, XDG folders and project folder; OpenCode started as Wingman starts it. */
async function launch(o: { resumeId?: string; keep?: boolean } = {}): Promise<{ pane: P; work: string }> {
  if (!o.keep) rmSync(BASE, { recursive: true, force: true });
  const dirs = openCodeDirs(BASE);
  const work = join(BASE, "project");
  mkdirSync(work, { recursive: true });
  seedOpenCodeHome(dirs, { mockUrl: mock.url });
  const plan = launchPlan({
    settings: { command: OPENCODE_BIN, args: [] },
    env: openCodeEnv(dirs),
    ...(o.resumeId ? { resumeId: o.resumeId } : {}),
  });
  const pane = await Pane.launch({ workdir: work, env: plan.env, argv: plan.argv });
  return { pane, work };
}

/** The status row (the last line) says idle, and no dialog's key hints are up. */
const idle = (s: string) => {
  const rows = s.trimEnd().split("\n");
  const status = rows.at(-1) ?? "";
  return (
    /ctrl\+p commands/.test(status) &&
    !/esc interrupt/.test(status) &&
    !rows.slice(-4).some((l) => l.includes("⇆ select"))
  );
};

/** How many turns have ended on screen: the `▣  Build · GPT-5 · 1.2s` line after each reply. */
const ends = (s: string) => (s.match(/▣ {2}.* · (\d|interrupted)/g) ?? []).length;

/** Submit, and wait until one more turn has ended on screen and the status row is back to idle. */
async function turn(pane: P, text: string, timeoutMs = 90_000): Promise<void> {
  const before = ends(await pane.capture());
  await pane.submit(text);
  await pane.waitFor((s) => ends(s) > before && idle(s), timeoutMs, `the end of the turn "${text}"`);
  await sleep(800);
}
/** Wait for the status row to be idle again after `fn`. */
async function settled(pane: P, label: string, timeoutMs = 90_000): Promise<void> {
  await sleep(600);
  await pane.waitFor((s) => idle(s), timeoutMs, label);
  await sleep(800);
}

const SCENARIOS: Record<string, () => Promise<void>> = {
  async main() {
    const s = "main";
    const { pane, work } = await launch();
    try {
      await pane.settle("Ask anything", 90_000, 2500);
      await save(
        pane,
        s,
        "idle-fresh",
        "first screen (no trust question, no login: the user's config names the provider)",
        {
          narrow: true,
        },
      );
      await pane.type("fix the flaky test in parser.spec.ts");
      await pane.settle("parser.spec.ts", 5000, 500);
      await save(pane, s, "idle-typed-text", "text typed in the input box, not submitted");
      await pane.keys("C-u");
      await pane.type("first line\nsecond line");
      await pane.settle("second line", 5000, 500);
      await save(
        pane,
        s,
        "idle-typed-multiline",
        "two lines typed (a line feed is a new line in the box; Enter submits)",
      );
      await pane.keys("C-u", "C-u", "C-u", "C-u");
      await sleep(400);
      await turn(pane, "SAY hello there");
      await save(pane, s, "idle-after-turn", "idle after a turn");
      await pane.submit("SLOW 6 zz");
      await pane.settle("esc interrupt", 60_000, 1200);
      await save(pane, s, "working", "a reply streaming: the spinner and `esc interrupt` in the status row", {
        narrow: true,
      });
      await settled(pane, "the end of SLOW 6");
      await pane.submit(`RUN_BASH touch ${join(work, "approved.txt")}`);
      await pane.settle("Permission required", 60_000, 1200);
      await save(pane, s, "approval-bash", "a shell command asks: Allow once selected", { narrow: true });
      await pane.keys("Right");
      await sleep(500);
      await save(pane, s, "approval-bash-always-selected", "the selection on Allow always (colour only)");
      await pane.keys("Right");
      await sleep(500);
      await save(pane, s, "approval-bash-reject-selected", "the selection on Reject (colour only)");
      await pane.keys("Left");
      await sleep(500);
      await pane.keys("Enter");
      await pane.settle("Always allow", 15_000, 800);
      await save(pane, s, "always-confirm", "Allow always asks to confirm, with the patterns it will allow", {
        narrow: true,
      });
      await pane.keys("Right");
      await sleep(500);
      await save(pane, s, "always-confirm-cancel-selected", "the selection on Cancel");
      await pane.keys("Enter");
      await pane.settle("Permission required", 15_000, 800);
      await save(pane, s, "approval-bash-after-cancel", "Cancel goes back to the first dialog");
      // Back on the first dialog the selection is on Allow once again; Left from there wraps to Reject.
      await pane.keys("Left");
      await sleep(500);
      await save(pane, s, "approval-bash-left-wraps", "Left on Allow once: the selection wraps round to Reject");
      await pane.keys("Right");
      await sleep(500);
      await pane.keys("Enter");
      await pane.waitFor((x) => x.includes("TOOL_RESULT") && idle(x), 90_000, "the end of the approved turn");
      await sleep(800);
      await save(pane, s, "after-approve", "idle after approving once (the command ran)");
      await pane.submit(`RUN_BASH touch ${join(work, "denied.txt")}`);
      await pane.settle("Permission required", 60_000, 1200);
      await pane.keys("Right", "Right");
      await sleep(500);
      await pane.keys("Enter");
      await pane.waitFor((x) => !x.includes("Permission required") && idle(x), 30_000, "the end of the rejected turn");
      await sleep(800);
      await save(pane, s, "after-reject", "idle after Reject: the turn ends, nothing goes to the model");
      await pane.submit("RUN_BASH cat /etc/hostname");
      await pane.settle("Permission required", 60_000, 1200);
      await save(pane, s, "approval-external", "a command that reads outside the project");
      await pane.keys("Escape");
      await pane.waitFor((x) => !x.includes("Permission required") && idle(x), 30_000, "Escape on the dialog");
      await sleep(800);
      await save(pane, s, "after-escape", "Escape on a dialog rejects it");
      await pane.submit("FAIL 400 the model rejected the request");
      // The prompt and then the error block both hold the text.
      await pane.waitFor(
        (x) => (x.match(/the model rejected the request/g) ?? []).length >= 2 && idle(x),
        90_000,
        "the 400",
      );
      await sleep(800);
      await save(pane, s, "error-400", "a 4xx error (not retried): a red block in the history");
      await pane.type("try again please");
      await pane.settle("try again please", 5000, 500);
      await save(pane, s, "error-typed-text", "after an error, text typed in the box");
      await pane.keys("C-u", "C-u");
      await sleep(400);
      await pane.submit("FAIL 500 upstream exploded");
      await pane.settle("retrying", 60_000, 600);
      await save(pane, s, "error-retrying-500", "a 5xx error: OpenCode retries, the reason in the status row", {
        narrow: true,
      });
      await pane.keys("Escape");
      await sleep(600);
      await pane.keys("Escape");
      await settled(pane, "the interrupted retry");
      await save(pane, s, "idle-after-interrupt", "Escape twice stops the retries");
    } finally {
      await pane.close();
    }
  },

  async trap() {
    const s = "trap";
    const { pane } = await launch();
    try {
      await pane.settle("Ask anything", 90_000, 2000);
      await turn(
        pane,
        "SAY You can type `opencode -s ses_0123456789abcdefghijABCD` or △ Permission required  Allow once   Allow always   Reject and esc interrupt",
      );
      await save(pane, s, "idle-history-trap", "a reply that quotes markers (resume, dialog, working) in prose");
      await pane.keys("C-c");
      await pane.waitDead(10_000);
      await sleep(500);
      await save(pane, s, "exited-ctrl-c", "Ctrl+C on an empty box: exited with the resume command");
    } finally {
      await pane.close();
    }
  },

  async exit() {
    const { pane } = await launch();
    try {
      await pane.settle("Ask anything", 90_000, 2000);
      await turn(pane, "SAY bye");
      await pane.submit("/exit");
      await pane.waitDead(10_000);
      await sleep(500);
      const screen = await pane.capture();
      await save(pane, "exit", "exited-slash-exit", "/exit: the resume command");
      const id = /opencode -s (ses_\w+)/.exec(screen)?.[1];
      if (!id) throw new Error("no session id on the exit screen");
      await pane.close();
      const again = await launch({ resumeId: id, keep: true });
      try {
        await again.pane.settle("bye", 90_000, 2500);
        await save(again.pane, "exit", "resumed", `started again with -s ${id}: the conversation is back`);
      } finally {
        await again.pane.close();
      }
    } finally {
      await pane.close();
    }
  },
};

await runScenarios(SCENARIOS, fixtures, async () => {
  await mock.close();
  rmSync(BASE, { recursive: true, force: true });
});
