// Pure parts of adopting a pane (docs/adopt.md): which command lines are which agent, and how a target is
// read (from the right, case kept). The behaviour itself is proven on the real CLIs in test/e2e/adopt.test.ts.
import { describe, expect, it } from "vitest";
import { agentById } from "../../src/agents/index.js";
import { parseTarget } from "../../src/core/sessions/adopt.js";
import { parseCommand } from "../../src/doors/phrases/grammar.js";
import { claimsPlainText } from "../../src/doors/phrases/grammar.js";

const claude = agentById("claude-code")!;
const codex = agentById("codex")!;

describe("an agent from its process's command line", () => {
  it.each([
    [["claude"], "claude-code"],
    [["/home/me/.local/share/claude/versions/2.1.331", "--resume", "x"], "claude-code"],
    [["/w/node_modules/@anthropic-ai/claude-code/bin/claude.exe", "--permission-mode", "default"], "claude-code"],
    [["node", "/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js"], "claude-code"],
    [["codex", "--no-daemon"], "codex"],
    [["node", "/usr/lib/node_modules/@openai/codex/bin/codex.js"], "codex"],
    [
      ["/w/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex", "-a", "on-request"],
      "codex",
    ],
  ])("%j is %s", (argv, id) => {
    expect(claude.matchesProcess!(argv)).toBe(id === "claude-code");
    expect(codex.matchesProcess!(argv)).toBe(id === "codex");
  });

  it.each([[["vim", "claude.txt"]], [["bash"]], [["node", "server.js", "codex"]], [["less", "/x/codex"]], [[]]])(
    "%j is neither",
    (argv) => {
      expect(claude.matchesProcess!(argv)).toBe(false);
      expect(codex.matchesProcess!(argv)).toBe(false);
    },
  );

  it("each agent's model flag", () => {
    expect(claude.modelArgs!("sonnet")).toEqual(["--model", "sonnet"]);
    expect(codex.modelArgs!("gpt-5.1")).toEqual(["--model", "gpt-5.1"]);
  });
});

describe("a target, read from the right", () => {
  it.each([
    ["default:work:0.1", { socket: "default", place: "work:0.1" }],
    ["work:2.0", { place: "work:2.0" }],
    ["My Box:0.0", { place: "My Box:0.0" }],
    ["/tmp/a:b/sock:API:1.3", { socket: "/tmp/a:b/sock", place: "API:1.3" }],
    ["dev:Work:01.0", { socket: "dev", place: "Work:1.0" }],
  ])("%s", (t, want) => {
    expect(parseTarget(t)).toEqual(want);
  });
  it.each(["work", "work:0", "default:work:a.b", ":0.1", ""])("%j is not one", (t) => {
    expect(parseTarget(t)).toBeNull();
  });
});

describe("the adopt and release phrases", () => {
  it("parse, keeping the target's case; /wm and the CLI only, never claimed from plain text", () => {
    expect(parseCommand("adopt")).toMatchObject({ ok: true, intent: { verb: "adopt" } });
    expect(parseCommand("adopt default:Work:0.1 API")).toMatchObject({
      ok: true,
      intent: { verb: "adopt", target: "default:Work:0.1", session: "api" },
    });
    expect(parseCommand("release api")).toMatchObject({ ok: true, intent: { verb: "release", session: "api" } });
    expect(parseCommand("adopt work api")).toMatchObject({ ok: false });
    const known = { sessions: new Set(["api"]), ids: new Set<string>() };
    expect(claimsPlainText("release api", known)).toBeNull();
    expect(claimsPlainText("adopt default:work:0.1 api", known)).toBeNull();
    expect(claimsPlainText("adopt", known)).toBeNull();
  });
});
