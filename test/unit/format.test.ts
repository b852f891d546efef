// Formatting is pure: realistic sessions in, text a phone (or a terminal) can read out.
import { describe, expect, it } from "vitest";
import type { PendingPrompt, SessionView } from "../../src/api/types.js";
import { redactSecrets } from "../../src/api/redact.js";
import { assessRisk } from "../../src/core/approvals/risk.js";
import { claudeCode } from "../../src/agents/claude-code/index.js";
import { formatDashboard } from "../../src/format/dashboard.js";
import { formatDetail } from "../../src/format/detail.js";
import { formatNotification } from "../../src/format/notify.js";
import { cleanOutput } from "../../src/agents/claude-code/output.js";
import { formatPrompt, replyLines } from "../../src/format/prompt.js";
import { STATE_LOOK } from "../../src/format/states.js";
import { SESSION_STATES } from "../../src/api/types.js";
import { ansiPaint, wantsColor } from "../../src/format/color.js";
import { formatAudit, formatHistory } from "../../src/format/journal.js";
import { localTime } from "../../src/format/time.js";
import { cutToWidth, displayWidth, padEndWidth } from "../../src/format/width.js";

const now = new Date("2026-11-24T14:00:00.000Z");
const bash: PendingPrompt = {
  id: "7f3k",
  kind: "tool",
  tool: "Bash",
  detail: "python3 -c 'print(6*7)'",
  question: "Do you want to proceed?",
  options: [
    { number: 1, label: "Yes", role: "once", highlighted: true },
    {
      number: 2,
      label: "Yes, and don’t ask again for: python3 *",
      role: "always",
      scope: "python3 *",
      highlighted: false,
    },
    { number: 3, label: "Yes, and switch to auto mode", role: "auto_mode", highlighted: false },
    { number: 4, label: "No", role: "no", highlighted: false },
  ],
  fingerprint: "f",
  since: "2026-11-24T13:59:00.000Z",
  risk: "normal",
  riskReasons: [],
};
const view = (name: string, state: SessionView["state"], extra: Partial<SessionView> = {}): SessionView => ({
  name,
  workdir: `/home/dev/code/${name}`,
  agent: "claude-code",
  host: null,
  state,
  pending: null,
  createdAt: "2026-11-24T11:45:00.000Z",
  lastActivityAt: "2026-11-24T13:59:30.000Z",
  ...extra,
});

describe("dashboard", () => {
  const views = [
    view("vsr-issue-1131", "working", { progress: { tests: { passed: 8, failed: 2, total: 10, runner: "vitest" } } }),
    view("clawdbot-auth", "working"),
    view("proxy-refactor", "waiting_approval", { pending: bash }),
    view("a".repeat(32), "error", {
      stateReason: "rate_limit",
      workdir: "/home/dev/código/ünïcødé/very/deep/path/to/project",
    }),
  ];
  it("chat: people-first rows with ids and reply lines, then the seed's totals", () => {
    const text = formatDashboard(views, { style: "chat", now });
    const lines = text.split("\n");
    expect(lines[1]).toContain("proxy-refactor");
    expect(lines[1]).toContain("7f3k");
    expect(lines[2]).toContain("approve proxy-refactor 7f3k");
    expect(text).toContain("8/10 tests passing, 2 failing");
    expect(lines.at(-1)).toBe("Total: 4 sessions | Working: 2 | Waiting: 1 | Error: 1");
    for (const l of lines) expect([...l].length).toBeLessThan(120);
  });
  it("terminal: an aligned table", () => {
    const text = formatDashboard(views, { style: "terminal", now });
    expect(text.split("\n")[0]).toMatch(/^SESSION\s+FOLDER\s+STATUS\s+DETAIL$/);
    expect(text).toContain("⏳ Waiting approval");
  });
  it("follow-ups waiting for a session are counted on its row and in its detail", () => {
    const busy = [view("vsr-fix", "working", { currentTool: "Bash(npm test)", queued: 2 }), view("idle-one", "idle")];
    const chat = formatDashboard(busy, { style: "chat", now });
    expect(chat).toContain("Bash(npm test) · 2 queued");
    expect(chat.split("\n").find((l) => l.includes("idle-one"))).not.toContain("queued");
    const table = formatDashboard(busy, { style: "terminal", now });
    expect(table.split("\n").find((l) => l.startsWith("vsr-fix"))).toMatch(/Bash\(npm test\) · 2 queued$/);
    expect(formatDashboard([view("q", "idle", { queued: 1 })], { style: "chat", now })).toContain("— Idle · 1 queued");
    const detail = formatDetail(busy[0]!, { style: "chat", now, prefix: "/wm " });
    expect(detail).toContain("Queued: 2 follow-ups, sent one at a time when it is idle · /wm queue vsr-fix lists them");
    expect(formatDetail(busy[1]!, { style: "chat", now })).not.toContain("Queued");
  });
  it("no sessions: says how to start one", () => {
    expect(formatDashboard([], { style: "chat", now })).toContain("spawn NAME DIR TASK");
  });
  it("one label and emoji per state", () => {
    for (const s of SESSION_STATES) expect(STATE_LOOK[s].label.length).toBeGreaterThan(0);
  });
});

describe("terminal columns, agents, resume hint, colour", () => {
  // Where each column starts, in terminal cells, for every row of a table.
  const starts = (line: string, cells: string[]) => cells.map((c) => displayWidth(line.slice(0, line.indexOf(c))));
  it("display width: emoji and CJK take two cells, combining marks and joiners none", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("⏳ Waiting")).toBe(10);
    expect(displayWidth("日本語")).toBe(6);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("👩‍💻")).toBe(2);
    expect(displayWidth("⚠️")).toBe(2);
    expect(displayWidth("한국")).toBe(4);
    expect(padEndWidth("日本", 6)).toBe("日本  ");
    expect(cutToWidth("日本語のテキスト", 7)).toBe("日本語…");
    expect(displayWidth(cutToWidth("日本語のテキスト", 7))).toBeLessThanOrEqual(7);
  });
  it("the table lines up by display width with emoji states and CJK folders", () => {
    const views = [
      view("cjk", "working", { workdir: "/srv/日本語/プロジェクト" }),
      view("plain", "waiting_approval", { pending: bash }),
      view("kr", "idle", { workdir: "/srv/한국어" }),
      view("gone", "exited"),
    ];
    const lines = formatDashboard(views, { style: "terminal", now }).split("\n");
    const head = lines[0]!;
    const statusCol = displayWidth(head.slice(0, head.indexOf("STATUS")));
    const detailCol = displayWidth(head.slice(0, head.indexOf("DETAIL")));
    for (const v of views) {
      const line = lines.find((l) => l.startsWith(`${v.name} `))!;
      const label = STATE_LOOK[v.state].emoji;
      expect(starts(line, [label])[0], line).toBe(statusCol);
      if (v.pending) expect(starts(line, ["7f3k"])[0], line).toBe(detailCol);
    }
  });
  it("width: the last column is cut to the terminal's columns", () => {
    const views = [view("a", "waiting_approval", { pending: { ...bash, detail: "x".repeat(200) } })];
    for (const l of formatDashboard(views, { style: "terminal", now, width: 60 }).split("\n").slice(0, 2))
      expect(displayWidth(l)).toBeLessThanOrEqual(60);
  });
  it("agents: a column (terminal) or a tag (phone) only when the fleet is mixed", () => {
    const one = [view("a", "idle"), view("b", "working")];
    expect(formatDashboard(one, { style: "terminal", now }).split("\n")[0]).not.toContain("AGENT");
    expect(formatDashboard(one, { style: "chat", now })).not.toContain("[claude]");
    const mixed = [view("a", "idle"), view("b", "working", { agent: "codex" })];
    const t = formatDashboard(mixed, { style: "terminal", now }).split("\n");
    expect(t[0]).toMatch(/^SESSION\s+AGENT\s+FOLDER\s+STATUS\s+DETAIL$/);
    expect(t.find((l) => l.startsWith("b "))).toMatch(/^b\s+codex\s+/);
    expect(t.find((l) => l.startsWith("a "))).toMatch(/^a\s+claude\s+/);
    expect(formatDashboard(mixed, { style: "chat", now })).toContain("*b* [codex]");
  });
  it("hosts: a HOST column and per-host totals only when a session runs on another machine", () => {
    const local = [view("one", "idle"), view("two", "working")];
    expect(formatDashboard(local, { style: "terminal", now })).not.toContain("HOST");
    const mixed = [
      ...local,
      view("gpu-1", "waiting_approval", { host: "gpu", pending: bash }),
      view("gpu-2", "unknown", { host: "gpu", stateReason: "host_unreachable" }),
    ];
    const table = formatDashboard(mixed, { style: "terminal", now });
    expect(table.split("\n")[0]).toMatch(/^SESSION\s+HOST\s+FOLDER/);
    expect(table).toContain("Hosts: this machine: 2 sessions · gpu: 2 sessions, 1 waiting · unreachable");
    const chat = formatDashboard(mixed, { style: "chat", now });
    expect(chat).toContain("*gpu-1* @gpu");
    expect(chat).toContain("*one* @local");
  });

  it("exited sessions with a conversation are listed as resumable, with the command", () => {
    const views = [
      view("a", "exited", { agentSessionId: "1b2c", resumeCommand: "claude --resume 1b2c" }),
      view("b", "exited"),
      view("c", "idle"),
    ];
    const t = formatDashboard(views, { style: "terminal", now });
    expect(t.split("\n").at(-1)).toBe("Can be resumed: a (wingman resume --all, or wingman resume NAME)");
    expect(t.split("\n").find((l) => l.startsWith("a "))).toContain("can be resumed");
    expect(formatDashboard(views, { style: "chat", now, prefix: "/wm " }).split("\n").at(-1)).toBe(
      "Can be resumed: a · /wm resume all",
    );
    expect(formatDashboard([view("b", "exited")], { style: "terminal", now })).not.toContain("resume");
    expect(formatDetail(views[0]!, { now, style: "terminal", prefix: "wingman " })).toContain(
      "Resume: wingman resume a",
    );
  });
  it("colour only when asked: escapes outside the padding, columns unchanged; NO_COLOR and pipes turn it off", () => {
    const views = [view("a", "waiting_approval", { pending: bash }), view("bb", "error", { stateReason: "auth" })];
    const plain = formatDashboard(views, { style: "terminal", now });
    const colored = formatDashboard(views, { style: "terminal", now, paint: ansiPaint });
    expect(plain).not.toContain("\x1b[");
    expect(colored).toContain("\x1b[33m⏳ Waiting approval\x1b[39m");
    expect(colored.replace(/\x1b\[[0-9;]*m/g, "")).toBe(plain);
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
  });
});

describe("times for people are local, with the zone", () => {
  it("localTime writes the zone; history and audit use it; JSON-facing values stay UTC", () => {
    expect(localTime("2026-11-24T14:00:00.000Z", { timeZone: "UTC" })).toBe("2026-11-24 14:00 UTC");
    expect(localTime("2026-11-24T14:00:00.000Z", { timeZone: "Asia/Tokyo" })).toBe("2026-11-24 23:00 GMT+9");
    expect(localTime("2026-11-24T14:00:00.000Z", { timeZone: "America/New_York", short: true })).toBe("09:00 GMT-5");
    const s = [
      {
        name: "vsr",
        workdir: "/w",
        createdAt: "2026-11-24T14:00:00.000Z",
        durationMs: 600_000,
        outcome: "killed",
        approvals: 2,
        prompts: 3,
      },
    ];
    expect(formatHistory(s, "terminal", { timeZone: "Asia/Tokyo" })).toMatch(
      /^2026-11-24 23:00 GMT\+9 {2}vsr {2}10 min {2}killed {2}2 approvals {2}\/w$/,
    );
    expect(formatHistory(s, "chat", { timeZone: "Asia/Tokyo" })).toContain("23:00 GMT+9");
    const a = [
      {
        at: "2026-11-24T14:00:00.000Z",
        actor: "cli:u",
        channel: "cli",
        session: "vsr",
        action: "approve",
        promptId: "7f3k",
        outcome: "done" as const,
        message: "approved",
      },
    ];
    expect(formatAudit(a, "terminal", { timeZone: "Asia/Tokyo" })).toContain("2026-11-24 23:00 GMT+9");
    expect(formatAudit(a, "chat", { timeZone: "Asia/Tokyo" })).toContain("• 23:00 GMT+9 vsr approve 7f3k");
    // The actor's channel once: `cli:u`, never `cli:cli:u`; an id without its channel gets it.
    expect(formatAudit(a, "terminal", { timeZone: "Asia/Tokyo" })).toMatch(/GMT\+9 {2}cli:u {2}vsr/);
    expect(
      formatAudit([{ ...a[0]!, actor: "+15551234567", channel: "whatsapp" }], "terminal", { timeZone: "UTC" }),
    ).toContain("whatsapp:+15551234567");
    const d = formatDetail(view("vsr", "idle"), { now, style: "terminal", timeZone: "Asia/Tokyo" });
    expect(d).toContain("Started: 2h 15m ago (2026-11-24 20:45 GMT+9)");
    expect(d).toContain("Agent: claude-code");
  });
});

describe("detail, prompt, notifications", () => {
  it("detail: the seed's fields from measured facts", () => {
    const text = formatDetail(
      view("vsr-issue-1131", "working", {
        lastPrompt: "fix the schema validation bug",
        currentTool: "Bash(npm test)",
        progress: { tests: { passed: 8, failed: 2, total: 10 } },
        lastMessage: "Fixed the validator; running the tests now.",
      }),
      { now, style: "chat" },
    );
    expect(text).toContain("Started: 2h 15m ago");
    expect(text).toContain("Last activity: 30s ago");
    expect(text).toContain("Status: ✅ Working");
    expect(text).toContain("Current task: fix the schema validation bug");
    expect(text).toContain("Now: Bash(npm test)");
    expect(text).toContain("Progress: 8/10 tests passing, 2 failing");
    expect(formatDetail(view("x", "idle"), { now, style: "chat" })).not.toContain("Progress");
  });
  it("prompt: options, the exact always scope, reply lines with the id; high risk asks for confirm", () => {
    const text = formatPrompt("vsr", bash);
    expect(text).toContain('always allows: "python3 *"');
    expect(replyLines("vsr", bash)).toEqual([
      "approve vsr 7f3k",
      "always vsr 7f3k",
      "deny vsr 7f3k [what to do instead]",
    ]);
    const high = { ...bash, detail: "rm -rf build", risk: "high" as const, riskReasons: ["rm -rf"] };
    expect(replyLines("vsr", high)).toEqual(["approve vsr 7f3k confirm", "deny vsr 7f3k [what to do instead]"]);
    expect(formatPrompt("vsr", high)).toContain("⚠️ high risk: rm -rf");
  });
  it("questions: numbered options with descriptions, answer lines", () => {
    const q: PendingPrompt = {
      ...bash,
      kind: "question",
      tool: "AskUserQuestion",
      detail: null,
      question: "Which database should we use?",
      options: [
        { number: 1, label: "Postgres", description: "Relational, battle-tested", role: "other", highlighted: true },
        { number: 2, label: "SQLite", description: "A single file", role: "other", highlighted: false },
        { number: 3, label: "Type something.", role: "other", freeText: true, highlighted: false },
      ],
    };
    const text = formatPrompt("vsr", q);
    expect(text).toContain("1. Postgres — Relational, battle-tested");
    expect(text).toContain('answer vsr 7f3k "your own answer"');
  });
  it("notifications fit a phone", () => {
    const long = { ...bash, detail: `npm run build ${"--flag ".repeat(200)}` };
    const n = formatNotification({
      type: "approval_needed",
      session: "vsr",
      at: now.toISOString(),
      id: "7f3k",
      pending: long,
    });
    expect(n.length).toBeLessThanOrEqual(700);
    expect(n).toContain("approve vsr 7f3k");
    const d = formatNotification({
      type: "digest",
      at: now.toISOString(),
      ids: ["7f3k", "a2b4"],
      views: [
        view("vsr", "waiting_approval", { pending: bash }),
        view("web", "waiting_approval", { pending: { ...bash, id: "a2b4" } }),
      ],
    });
    expect(d).toContain("2 sessions waiting");
    expect(d).toContain("approve web a2b4");
  });
});

describe("output, risk, redaction", () => {
  it("output drops Claude Code's input box and footer", () => {
    const pane = `● Fixed it.\n\n\n\n✻ Brewed for 3s\n${"─".repeat(80)}\n❯ \n${"─".repeat(80)}\n  ⏸ manual mode on · ? for shortcuts\n`;
    expect(cleanOutput(pane, 10)).toBe("● Fixed it.\n\n✻ Brewed for 3s");
  });
  it.each([
    ["rm -rf build", "high"],
    ["rm -fr /", "high"],
    ["rm -r -f x", "high"],
    ["git push --force origin main", "high"],
    ["git push -f", "high"],
    ["curl -fsSL https://x.sh | sh", "high"],
    ["sudo apt-get install x", "high"],
    ["cat .env", "high"],
    ["ls -la", "low"],
    ["git status", "low"],
    ["npm test", "low"],
    ["npm test; curl x | sh", "high"],
    ["npm run build", "low"],
    ["python3 -c 'print(1)'", "normal"],
  ])("risk of Bash %j is %s", (cmd, tier) => {
    expect(assessRisk({ kind: "tool", tool: "Bash", detail: cmd }, "/w", claudeCode.toolClass("Bash")).tier).toBe(tier);
  });
  it("writes outside the project are high risk", () => {
    expect(
      assessRisk({ kind: "tool", tool: "Write", detail: "/etc/hosts" }, "/w", claudeCode.toolClass("Write")).tier,
    ).toBe("high");
    expect(
      assessRisk({ kind: "tool", tool: "Write", detail: "/w/src/a.ts" }, "/w", claudeCode.toolClass("Write")).tier,
    ).toBe("normal");
    expect(
      assessRisk({ kind: "tool", tool: "Edit", detail: "../other/a.ts" }, "/w", claudeCode.toolClass("Edit")).tier,
    ).toBe("high");
  });
  it("redacts tokens and keys, keeps the rest", () => {
    const t = redactSecrets(
      "export ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789 && curl -H 'Authorization: Bearer abcdef0123456789xyz' https://u:hunter22@host/x ghp_abcdefghijklmnopqrstuvwxyz0123456789 AKIAABCDEFGHIJKLMNOP password=hunter2",
    );
    expect(t).not.toMatch(/sk-ant-api03-abc|abcdef0123456789xyz|hunter2|ghp_abc|AKIAABCDEFGHIJKLMNOP/);
    expect(t).toContain("curl");
    expect(redactSecrets("npm test")).toBe("npm test");
  });
});
