// Records what the real Claude Code CLI draws in every state Wingman must read, as plain
// `tmux capture-pane -p -J` text, into test/fixtures/screens/claude-code-<version>/. The unit tests of
// the screen classifier run over these files, so when a new Claude Code changes its TUI: install it,
// re-run this, and fix the classifier until the tests pass again.
//
//   cd /work/main && npx node scripts/record-screens.ts [scenario…]      (Node 24 strips the types)
//
// No scenario names = all. One claude process at a time, each in its own tmux server, a throwaway HOME
// and a fixed project folder, against the local mock (devkit/mock-anthropic.ts): nothing leaves
// 127.0.0.1. A failed scenario is reported and the others still run; exit code 1 if any failed.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// First: it lets plain Node load the project's modules, imported below.
import { Fixtures, runScenarios } from "./record-kit.ts";

const { startMockAnthropic } = await import("../devkit/mock-anthropic.js");
const { seedClaudeHome, claudeEnv, FAKE_API_KEY, CLAUDE_BIN } = await import("../devkit/claude-home.js");
const { ClaudePane, sleep } = await import("./record-driver.js");
type Pane = import("./record-driver.js").ClaudePane;
type SeedOptions = Parameters<typeof seedClaudeHome>[1];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const VERSION = (execFileSync(CLAUDE_BIN, ["--version"], { encoding: "utf8" }).match(/\d+\.\d+\.\d+/) ?? [
  "unknown",
])[0];
const OUT = join(ROOT, "test", "fixtures", "screens", `claude-code-${VERSION}`);
// Fixed paths so re-recordings differ only where the CLI differs (times, spinner verbs, ports).
const BASE = "/tmp/wingman-screens";
const HOME = join(BASE, "home");
const WORK = join(BASE, "project");

const fixtures = new Fixtures(OUT, { redrawMs: [1200, 1200] });
const manifest = fixtures.manifest;

const mock = await startMockAnthropic();

// ---------------------------------------------------------------------------------------------
// Helpers every scenario uses.

interface Ctx {
  pane: Pane;
  scenario: string;
  /** Saves the current screen as <name>.txt (and <name>.narrow.txt at 80 columns when `narrow`). */
  save(name: string, note: string, o?: { narrow?: boolean; screen?: string }): Promise<string>;
  /** Submits a prompt, polling fast; saves the first `Waiting for permission…` screen if one flashes by. */
  submitWatching(text: string, until: string | RegExp, timeoutMs?: number): Promise<void>;
}

let waitingSaved = false;

async function withClaude(
  scenario: string,
  o: { seed?: Partial<SeedOptions>; args?: string[]; mockUrl?: string; maxRetries?: number; prepare?: () => void },
  body: (ctx: Ctx) => Promise<void>,
): Promise<void> {
  rmSync(BASE, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  o.prepare?.();
  seedClaudeHome(HOME, { apiKey: FAKE_API_KEY, trustedDirs: [WORK], ...o.seed });
  const env = claudeEnv({
    home: HOME,
    mockUrl: o.mockUrl ?? mock.url,
    apiKey: FAKE_API_KEY,
    maxRetries: o.maxRetries ?? 2,
  });
  // A dead-port base URL must not turn the proxy off too: CONNECTs still go to the (live) mock.
  env.HTTPS_PROXY = mock.url;
  env.HTTP_PROXY = mock.url;
  const pane = await ClaudePane.launch({
    workdir: WORK,
    env,
    argv: [CLAUDE_BIN, ...(o.args ?? ["--permission-mode", "default"])],
  });
  const ctx: Ctx = {
    pane,
    scenario,
    save: (name, note, so) => fixtures.save(pane, scenario, name, note, so),
    async submitWatching(text, until, timeoutMs = 15_000) {
      await pane.type(text);
      await sleep(300);
      await pane.keys("Enter");
      const test = (s: string) => (typeof until === "string" ? s.includes(until) : until.test(s));
      await pane.waitFor(
        (s) => {
          if (!waitingSaved && s.includes("Waiting for permission…") && !test(s)) {
            waitingSaved = true;
            writeFileSync(join(OUT, "waiting-permission.txt"), s);
            manifest["waiting-permission"] = {
              file: "waiting-permission.txt",
              scenario,
              width: 200,
              paneDead: false,
              note: "tool call pending, dialog not drawn yet",
            };
            console.log("  saved waiting-permission");
          }
          return test(s);
        },
        timeoutMs,
        String(until),
        20,
      );
    },
  };
  try {
    await body(ctx);
  } finally {
    await pane.close();
  }
}

const IDLE = "? for shortcuts";
const DONE = /✻ \S+ for \d+s/;
/** The idle footer is back and the turn's result is on screen. */
async function turnDone(pane: Pane, marker: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const test = (s: string) => (typeof marker === "string" ? s.includes(marker) : marker.test(s));
  return pane.waitFor((s) => test(s) && footer(s).includes(IDLE), timeoutMs, String(marker));
}
/** The lines below the last rule: the footer (history may quote anything, the footer cannot). */
function footer(screen: string): string {
  const at = screen.lastIndexOf("────");
  return at < 0 ? "" : screen.slice(screen.indexOf("\n", at) + 1);
}

const ASK_SINGLE = {
  questions: [
    {
      question: "Which database should we use?",
      header: "Database",
      multiSelect: false,
      options: [
        { label: "Postgres", description: "Relational, battle-tested" },
        { label: "SQLite", description: "A single file, zero setup" },
      ],
    },
  ],
};
const ASK_MULTI = {
  questions: [
    {
      question: "Which checks should run?",
      header: "Checks",
      multiSelect: true,
      options: [
        { label: "Unit tests", description: "vitest run" },
        { label: "Type check", description: "tsc --noEmit" },
        { label: "Lint", description: "biome lint" },
      ],
    },
  ],
};
// Text that looks like a dialog and a busy footer, for the prose-in-history trap.
const TRAP_TEXT = [
  "The old screen said:",
  "Do you want to proceed?",
  "❯ 1. Yes",
  "  2. No",
  "Esc to cancel · Tab to amend",
  "✶ Thinking… (3s · esc to interrupt)",
  "● API Error: 500 Internal server error",
].join("\n");

// ---------------------------------------------------------------------------------------------
// Scenarios.

const scenarios: Record<string, () => Promise<void>> = {
  async trust() {
    await withClaude("trust", { seed: { trustedDirs: [] } }, async ({ pane, save }) => {
      await pane.settle("Quick safety check");
      await save("trust-prompt", "folder-trust question, No preselected", { narrow: true });
      await pane.keys("Enter"); // the preselected "No, exit"
      await pane.waitFor((s) => s.includes("didn't start"), 10_000, "trust declined");
      console.log(`  pane dead: ${await pane.waitDead(15_000)}`);
      await sleep(500);
      await save("trust-declined-exited", "trust declined: the CLI exited");
    });
  },

  async "trust-hooks"() {
    const prepare = () => {
      mkdirSync(join(WORK, ".claude"), { recursive: true });
      const hook = { type: "command", command: "true" };
      writeFileSync(
        join(WORK, ".claude", "settings.json"),
        JSON.stringify({ hooks: { PreToolUse: [{ matcher: "*", hooks: [hook] }] } }, null, 2),
      );
    };
    await withClaude("trust-hooks", { seed: { trustedDirs: [] }, prepare }, async ({ pane, save }) => {
      await pane.settle("configures hooks");
      await save("trust-prompt-hooks", "trust question with the project-hooks warning", { narrow: true });
      await pane.keys("Down");
      await sleep(700);
      await save("trust-prompt-yes-highlighted", "trust question with the cursor on Yes");
      await pane.keys("Enter");
      await pane.settle(IDLE, 15_000, 800);
      await save("idle-after-trust", "idle right after trusting the folder");
    });
  },

  async main() {
    await withClaude("main", {}, async ({ pane, save, submitWatching }) => {
      await pane.settle(IDLE, 30_000, 1000);
      await save("idle-fresh", "idle, nothing asked yet");
      await pane.type("fix the flaky test in parser.spec.ts");
      await sleep(800);
      await save("idle-typed-text", "idle with unsent text in the input box");
      for (let i = 0; i < 40; i++) await pane.keys("BSpace");
      await sleep(500);

      await pane.submit("SAY Hello from the mock model.");
      await turnDone(pane, DONE);
      await sleep(500);
      await save("idle-after-turn", "idle after a completed turn");

      await pane.submit("SLOW 8 This answer trickles in slowly so the spinner stays up for a while.");
      await pane.settle("esc to interrupt", 10_000, 1500);
      await save("working", "a turn in progress (spinner, esc to interrupt)");
      await turnDone(pane, "trickles in slowly", 20_000);

      await pane.submit("SLOW 20 This one is interrupted.");
      await pane.settle("esc to interrupt", 10_000, 1000);
      await pane.keys("Escape");
      await turnDone(pane, "Interrupted");
      await sleep(500);
      await save("idle-interrupted", "idle after Esc interrupted a turn");

      await submitWatching("RUN_BASH python3 -c 'print(6*7)'", "Do you want to proceed?");
      await sleep(1500);
      await save("bash-prompt-python", "Bash permission with 4 options (don't ask again for python3 *)", {
        narrow: true,
      });
      await pane.keys("Down");
      await sleep(700);
      await save("bash-prompt-python-option2", "same prompt, cursor moved to option 2");
      await pane.keys("Up");
      await sleep(500);
      await pane.keys("1");
      await turnDone(pane, "TOOL_RESULT: 42");
      await sleep(300);
      await save("after-approve", "idle after approving a Bash call");

      await submitWatching("RUN_BASH touch x", "Do you want to proceed?");
      await sleep(1500);
      await save("bash-prompt-workdir-write", "Bash writing in the workdir (always allow access to …)", {
        narrow: true,
      });
      await pane.keys("Escape");
      await turnDone(pane, "Interrupted");
      await sleep(300);
      await save("after-esc", "idle after Esc on a permission prompt");

      await submitWatching("RUN_BASH ls /etc/ssl", "Do you want to proceed?");
      await sleep(1500);
      await save("bash-prompt-read-outside", "Bash reading a folder outside the workdir (allow reading from …)", {
        narrow: true,
      });
      await pane.keys("Escape");
      await turnDone(pane, "Interrupted");

      // A folder that does not exist gets no "allow reading" option: 3 options, No is 3.
      await submitWatching("RUN_BASH ls /elsewhere", "Do you want to proceed?");
      await sleep(1500);
      await save("bash-prompt-outside", "Bash outside the workdir (3 options)", { narrow: true });
      await pane.keys("3");
      await turnDone(pane, "Interrupted");
      await sleep(300);
      await save("after-deny", "idle after choosing No");

      await submitWatching("WRITE_FILE notes.txt hello world", "Do you want to create");
      await sleep(1500);
      await save("write-prompt", "Write (create file) permission", { narrow: true });
      await pane.keys("Enter");
      await turnDone(pane, "TOOL_RESULT");
      await sleep(300);
      await save("after-write", "idle after approving a Write");

      await submitWatching(`EDIT_FILE ${join(WORK, "notes.txt")} hello => goodbye`, "Do you want to make this edit");
      await sleep(1500);
      await save("edit-prompt", "Edit permission with a diff", { narrow: true });
      await pane.keys("Down");
      await sleep(300);
      await pane.keys("Down");
      await sleep(500);
      await pane.keys("Tab");
      await sleep(500);
      await pane.type("use the staging db instead");
      await sleep(1000);
      await save("edit-prompt-deny-reason", "Edit prompt: No row edited after Tab, reason typed", { narrow: true });
      await pane.keys("Enter");
      await turnDone(pane, "TOOL_RESULT");
      await sleep(300);
      await save("after-deny-reason", "idle after deny with a reason (model got the reason)");

      await submitWatching("FETCH https://example.com/docs/page", "Do you want to allow Claude to fetch");
      await sleep(1500);
      await save("webfetch-prompt", "WebFetch permission", { narrow: true });
      await pane.keys("Escape");
      await turnDone(pane, "Interrupted");

      await submitWatching(`ASK ${JSON.stringify(ASK_SINGLE)}`, "Which database should we use?");
      await sleep(1500);
      await save("ask-single", "AskUserQuestion, single choice", { narrow: true });
      await pane.keys("Down");
      await sleep(300);
      await pane.keys("Down");
      await sleep(500);
      await pane.type("DuckDB please");
      await sleep(800);
      await save("ask-single-freetext", "AskUserQuestion with free text typed in 'Type something.'");
      await pane.keys("Enter");
      await turnDone(pane, "TOOL_RESULT");
      await sleep(300);
      await save("after-ask", "idle after answering a question");

      await submitWatching(`ASK ${JSON.stringify(ASK_MULTI)}`, "Which checks should run?");
      await sleep(1500);
      await save("ask-multi", "AskUserQuestion, multiple choice", { narrow: true });
      await pane.keys("1");
      await sleep(400);
      await pane.keys("2");
      await sleep(800);
      await save("ask-multi-checked", "multiple choice with two boxes ticked");
      await pane.keys("Right");
      await sleep(1200);
      await save("ask-multi-submit", "the Submit tab of a multiple-choice question", { narrow: true });
      await pane.keys("Enter");
      await turnDone(pane, "TOOL_RESULT");

      await pane.submit(`SAY ${TRAP_TEXT}`);
      await turnDone(pane, "● API Error: 500 Internal server error");
      await sleep(500);
      await save("idle-history-trap", "idle; the last answer quotes a dialog, a busy line and an API error");

      writeFileSync(join(WORK, "trap.txt"), `${TRAP_TEXT}\n`);
      await pane.submit("RUN_BASH cat trap.txt");
      await turnDone(pane, "TOOL_RESULT");
      await sleep(500);
      await save("idle-history-trap-cat", "idle; a file that looks like a dialog was printed by cat");

      // Text typed while the tool call is pending is queued and drawn above the dialog.
      await pane.submit("RUN_BASH python3 -c 'print(1)'");
      await sleep(60);
      await pane.type("and then summarise");
      await sleep(300);
      await pane.keys("Enter");
      await pane.settle("Do you want to proceed?", 15_000, 1500);
      await save("bash-prompt-queued", "Bash prompt with a queued message above it", { narrow: true });
      await pane.keys("Escape");
      await pane.waitFor((s) => footer(s).includes(IDLE), 20_000, "idle");
      await sleep(1500);

      await pane.keys("C-c");
      await pane.settle("Press Ctrl-C again", 5_000, 300);
      await save("ctrl-c-once", "Ctrl-C pressed once");
      await pane.keys("C-c");
      const exited = await pane.waitFor((s) => s.includes("claude --resume"), 10_000, "exit");
      await save("exited", "exited after Ctrl-C twice (pane may still be alive)", { screen: exited });
      console.log(`  pane dead: ${await pane.waitDead(15_000)}`);
      await sleep(500);
      await save("exited-pane-dead", "exited, tmux shows the dead pane");
    });
  },

  async modes() {
    await withClaude("modes", {}, async ({ pane, save }) => {
      await pane.settle(IDLE, 30_000, 1000);
      await pane.keys("BTab");
      await pane.settle("accept edits on", 5_000, 800);
      await save("idle-accept-edits", "idle in accept-edits mode");
      await pane.keys("BTab");
      await pane.settle("plan mode on", 5_000, 800);
      await save("idle-plan-mode", "idle in plan mode");
      await pane.submit("PLAN_EXIT Add a failing test for the parser, then fix the off-by-one.");
      await pane.settle("Exit plan mode?", 15_000, 1500);
      await save("plan-exit-prompt", "ExitPlanMode dialog", { narrow: true });
      await pane.keys("2");
      await sleep(1500);
      await save("after-plan-no", "after declining the plan");
      await pane.waitFor((s) => s.includes(IDLE) || s.includes("mode on"), 10_000, "idle");
      await pane.submit("/exit");
      console.log(`  pane dead: ${await pane.waitDead(15_000)}`);
      await sleep(500);
      await save("exited-slash-exit", "exited with /exit, pane dead");
    });
  },

  async errors() {
    await withClaude("errors", { maxRetries: 2 }, async ({ pane, save }) => {
      await pane.settle(IDLE, 30_000, 1000);
      await pane.submit("FAIL 500");
      const retry = await pane.waitFor((s) => s.includes("retrying in"), 10_000, "retry", 50);
      await save("api-retry", "API error being retried (working)", { screen: retry });
      await turnDone(pane, "API Error: 500", 30_000);
      await sleep(800);
      await save("error-500", "turn ended by a 500");
      await pane.type("try again please");
      await sleep(800);
      await save("error-typed-text", "error screen with new text typed (not sent)");
      for (let i = 0; i < 20; i++) await pane.keys("BSpace");
      await sleep(300);
      const cases: [string, string, RegExp][] = [
        ["FAIL 529", "error-529", /API Error: Repeated 529|API Error: 529|Overloaded/],
        ["FAIL 401", "error-401", /Invalid API key|API Error: 401/],
        ["FAIL 403", "error-403", /API Error: 403/],
        ["FAIL 429", "error-429", /API Error: .*429/],
        ["FAIL 400 mock: prompt is too long", "error-400", /API Error: 400/],
        ["DROP", "error-drop", /API Error|Connection|connection/],
      ];
      for (const [prompt, name, marker] of cases) {
        await pane.submit(prompt);
        await pane.waitFor((s) => s.includes("esc to interrupt"), 10_000, "working", 50).catch(() => "");
        await turnDone(pane, marker, 40_000);
        await sleep(800);
        await save(name, `turn ended by ${prompt}`);
      }
    });
  },

  async "dead-port"() {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    await withClaude("dead-port", { mockUrl: `http://127.0.0.1:${port}`, maxRetries: 2 }, async ({ pane, save }) => {
      await pane.settle(IDLE, 30_000, 1000);
      await pane.submit("SAY hello");
      const retry = await pane.waitFor((s) => s.includes("retrying in"), 10_000, "retry", 50);
      await save("api-retry-connection", "connection refused, being retried", { screen: retry });
      await turnDone(pane, "API Error", 30_000);
      await sleep(800);
      await save("error-connection-refused", "turn ended: nothing listens on the API port");
    });
  },

  async auto() {
    await withClaude("auto", { args: ["--permission-mode", "auto"] }, async ({ pane, save, submitWatching }) => {
      await pane.settle(IDLE.replace("? for shortcuts", "auto mode on"), 30_000, 1000);
      await save("idle-auto-mode", "idle in auto mode");
      waitingSaved = false; // auto mode shows it for about a second: a reliable catch
      await submitWatching("RUN_BASH python3 -c 'print(6*7)'", "Auto mode can't check");
      await sleep(1500);
      await save("auto-cant-check", "auto mode can't check actions dialog", { narrow: true });
      await pane.keys("Enter");
      await pane.settle("needs your approval", 15_000, 1500);
      await save("auto-per-action", "auto mode per-action No/Yes (No preselected)", { narrow: true });
      await pane.keys("Down");
      await sleep(700);
      await save("auto-per-action-yes", "per-action prompt with the cursor on Yes");
      await pane.keys("Enter");
      await turnDone(pane, "TOOL_RESULT", 20_000).catch(() => "");
      await save("after-auto-yes", "after approving in auto mode");
    });
  },

  async "first-run"() {
    await withClaude(
      "first-run",
      { seed: { omitKeys: ["hasCompletedOnboarding", "lastOnboardingVersion"] } },
      async ({ pane, save }) => {
        await pane.settle("Let's get started.", 30_000, 1500);
        await save("onboarding-theme", "first run: theme picker", { narrow: true });
        await pane.keys("Enter");
        await pane.settle("Security notes", 10_000, 800);
        await save("onboarding-security", "first run: security notes, Press Enter to continue");
      },
    );
    await withClaude("first-run", { seed: { omitKeys: ["customApiKeyResponses"] } }, async ({ pane, save }) => {
      await pane.settle("Detected a custom API key", 30_000, 1500);
      await save("api-key-dialog", "first run: use the API key from the environment? (No preselected)", {
        narrow: true,
      });
    });
    await withClaude(
      "first-run",
      { seed: { omitKeys: ["hasSeenAutoDefaultNudge"] }, args: [] },
      async ({ pane, save }) => {
        await pane.settle("Make auto mode your default", 30_000, 1500);
        await save("auto-mode-nudge", "first run: make auto mode the default?", { narrow: true });
      },
    );
  },
};

// ---------------------------------------------------------------------------------------------

console.log(`Claude Code ${VERSION} → ${OUT}`);
await runScenarios(scenarios, fixtures, async () => {
  await mock.close();
  rmSync(BASE, { recursive: true, force: true });
});
