// Records what the real Codex CLI draws in every state Wingman must read, as plain `tmux capture-pane -p -J`
// text, into test/fixtures/codex/codex-<version>/. The unit tests of the Codex screen classifier run over
// these files, so when a new Codex changes its TUI: install it, re-run this, fix the classifier.
//
//   cd /work/main && npm exec -- node scripts/record-codex-screens.ts [scenario…]   (Node 24 strips the types)
//
// No scenario names = all. One codex process at a time, each in its own tmux server, a throwaway HOME and
// CODEX_HOME, against the local mock (devkit/mock-openai.ts): nothing leaves 127.0.0.1. Codex is started
// the way Wingman starts it (`--no-daemon -a on-request` and the same `-c` settings).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Fixtures, runScenarios } from "./record-kit.ts";

const { startMockOpenAI } = await import("../devkit/mock-openai.js");
const { CODEX_BIN, codexEnv, seedCodexHome } = await import("../devkit/codex-home.js");
const { codexArgs } = await import("../src/agents/codex/launch.js");
const { ClaudePane: Pane, sleep } = await import("./record-driver.js");
type P = import("./record-driver.js").ClaudePane;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const VERSION = (execFileSync(CODEX_BIN, ["--version"], { encoding: "utf8" }).match(/\d+\.\d+\.\d+/) ?? ["unknown"])[0];
const OUT = join(ROOT, "test", "fixtures", "codex", `codex-${VERSION}`);
// Fixed paths so re-recordings differ only where the CLI differs (times, ids).
const BASE = "/tmp/wingman-codex-screens";

const fixtures = new Fixtures(OUT, { redrawMs: [1000, 800] });
const save = fixtures.save;
const mock = await startMockOpenAI();

/** A fresh HOME, CODEX_HOME and project folder; the project trusted unless `git` (an untrusted repo). */
async function launch(o: { git?: boolean; hooks?: boolean } = {}): Promise<{ pane: P; work: string }> {
  rmSync(BASE, { recursive: true, force: true });
  const home = join(BASE, "home");
  const codexHome = join(BASE, "codex-home");
  const work = join(BASE, "project");
  mkdirSync(home, { recursive: true });
  mkdirSync(work, { recursive: true });
  if (o.git) execFileSync("git", ["init", "-q", work]);
  seedCodexHome(codexHome, { mockUrl: mock.url, trustedDirs: o.git ? [] : [work] });
  if (o.hooks) {
    const hook = { hooks: { Stop: [{ hooks: [{ type: "command", command: "true" }] }] } };
    writeFileSync(join(codexHome, "hooks.json"), JSON.stringify(hook));
  }
  const argv = [CODEX_BIN, ...codexArgs({ command: CODEX_BIN, args: [] }, { notifyArgv: null })];
  const pane = await Pane.launch({ workdir: work, env: codexEnv({ home, codexHome }), argv });
  return { pane, work };
}

/** How many turns have ended on screen (`Worked for …`, `■ …`). */
const ends = (screen: string) => (screen.match(/^\s*(Worked for |■ )/gm) ?? []).length;

/** Submit, and wait until the turn of that prompt has ended on screen and the composer is empty again. */
async function turn(pane: P, text: string, timeoutMs = 15_000): Promise<void> {
  await pane.submit(text);
  const done = (s: string) => {
    const at = s.lastIndexOf(`› ${text.split("\n")[0]}`);
    return at >= 0 && ends(s.slice(at)) > 0 && s.includes("Ask Codex to do anything");
  };
  await pane.waitFor(done, timeoutMs, `the end of the turn "${text}"`);
  await sleep(600);
}

const SCENARIOS: Record<string, () => Promise<void>> = {
  async main() {
    const s = "main";
    const { pane, work } = await launch();
    try {
      await pane.settle("Ask Codex to do anything", 15_000, 3000);
      await save(pane, s, "idle-fresh", "first screen, idle", { narrow: true });
      await pane.type("fix the flaky test in parser.spec.ts");
      await pane.settle("parser.spec.ts", 5000, 500);
      await save(pane, s, "idle-typed-text", "text typed in the composer, not submitted");
      await pane.keys("C-u");
      await pane.type("first line\nsecond line");
      await pane.settle("second line", 5000, 500);
      await save(pane, s, "idle-typed-multiline", "two lines typed in the composer (a line feed), not submitted");
      await pane.keys("C-u", "C-u", "BSpace", "C-u");
      await sleep(300);
      await turn(pane, "SAY hello there");
      await save(pane, s, "idle-after-turn", "idle after a turn (Worked for …)");
      await pane.submit("SLOW 5 zz");
      await pane.settle("Working (", 5000, 600);
      await save(pane, s, "working", "waiting for the model: Working (Ns • esc to interrupt)", { narrow: true });
      await pane.waitFor((x) => ends(x) >= 2, 10_000, "the end of SLOW 5");
      await sleep(600);
      await pane.submit("SLOW 6 a long streamed reply that keeps coming for a while");
      await pane.settle("• a long", 5000, 400);
      await save(pane, s, "working-streaming", "the reply is streaming: no Working line, an idle-looking composer");
      await pane.waitFor((x) => ends(x) >= 3, 12_000, "the end of SLOW 6");
      await sleep(600);
      await pane.submit(`RUN_BASH touch ${join(work, "approved.txt")}`);
      await pane.settle("Press enter to confirm", 10_000, 1200);
      await save(pane, s, "approval-bash", "an escalated command asks for approval", { narrow: true });
      await pane.keys("Down");
      await sleep(600);
      await save(pane, s, "approval-bash-option2", "the cursor on option 2");
      await pane.keys("Up");
      await sleep(400);
      await pane.keys("y");
      await pane.waitFor((x) => ends(x) >= 4, 10_000, "the end of the approved turn");
      await sleep(600);
      await save(pane, s, "after-approve", "idle after approving once");
      await pane.submit(`RUN_BASH touch ${join(work, "denied.txt")}`);
      await pane.settle("Press enter to confirm", 10_000, 1200);
      await pane.keys("Escape");
      await pane.settle("Conversation interrupted", 10_000, 600);
      await save(pane, s, "after-deny", "idle after denying: the turn is interrupted");
      await turn(pane, "FAIL 429");
      await save(pane, s, "error-429", "rate limited (retries 0)");
      await pane.type("try again please");
      await pane.settle("try again please", 5000, 400);
      await save(pane, s, "error-typed-text", "after an error, text typed in the composer");
      await pane.keys("C-u");
      await sleep(300);
      await turn(pane, "FAIL 500");
      await save(pane, s, "error-500", "server error (retries 0)");
      await turn(pane, "SAY all good again");
      await save(pane, s, "idle-after-error", "a turn after an error ended normally");
      await pane.submit(
        "SAY You can type `codex resume 0199aaaa-bbbb-cccc-dddd-eeeeeeeeeeee` or ■ exceeded retry limit, last status: 429 and Would you like to run the following command?",
      );
      await pane.settle("Would you like to run the following command?", 10_000, 1000);
      await save(pane, s, "idle-history-trap", "a reply that quotes markers (resume, error, dialog) in prose");
      await pane.keys("C-c");
      await pane.waitDead(10_000);
      await sleep(500);
      await save(pane, s, "exited-ctrl-c", "Ctrl+C on an empty composer: exited with the resume command");
    } finally {
      await pane.close();
    }
  },

  async trust() {
    const { pane } = await launch({ git: true });
    try {
      await pane.settle("Trust this folder?", 15_000, 1500);
      await save(pane, "trust", "trust-prompt", "an untrusted git repository", { narrow: true });
    } finally {
      await pane.close();
    }
  },

  async hooks() {
    const { pane } = await launch({ hooks: true });
    try {
      await pane.settle("Hooks need review", 15_000, 1500);
      await save(pane, "hooks", "hooks-review", "a new hook in CODEX_HOME/hooks.json", { narrow: true });
    } finally {
      await pane.close();
    }
  },

  async exit() {
    const { pane } = await launch();
    try {
      await pane.settle("Ask Codex to do anything", 15_000, 2000);
      await turn(pane, "SAY bye");
      await pane.submit("/exit");
      await pane.waitDead(10_000);
      await sleep(500);
      await save(pane, "exit", "exited-slash-exit", "/exit: the resume command");
    } finally {
      await pane.close();
    }
  },
};

await runScenarios(SCENARIOS, fixtures, async () => {
  await mock.close();
  rmSync(BASE, { recursive: true, force: true });
});
