// Adversarial list: every string that leaves the machine passes through redaction.
//   attack                                                        → expected
//   a token in any field of a pending prompt (question, option    → gone from the view (status --json, the
//   label, "always" scope, description, header, detail, body)       assistant's tools) and from every notification
//   a token in a state reason, a last message, a typed prompt,     → gone from the view
//   the running tool, the resume command
//   the same tokens handed straight to formatNotification          → gone from the text
//   a private key whose BEGIN line is above the `output` window   → none of its body lines shown
// And redaction never changes what identifies the prompt (id, fingerprint, roles, option order).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.js";
import type { Notification } from "../../src/api/notify.js";
import type { RegistryData, SessionRecord } from "../../src/core/store/registry.js";
import type { PendingPrompt } from "../../src/api/types.js";
import { viewOf } from "../../src/core/sessions/view.js";
import { createWingman } from "../../src/core/wingman.js";
import { formatNotification, type NotificationInput } from "../../src/format/notify.js";
import { claudeCode } from "../../src/agents/claude-code/index.js";

/** The outward view of a record, as the core builds it (the agent names the running tool). */
const seen = (rec: SessionRecord, detail: string) => viewOf(rec, detail, claudeCode.runningTool(rec.hook as never));

const k = (...parts: string[]) => parts.join("");
const ISO = "2026-11-24T12:00:00.000Z";

// One distinct fake secret per field, so a failure names the field that leaked.
const S = {
  question: k("ghp_", "QuestionQuestionQuestion0123456789"),
  header: k("xoxb", "-1111111111-HeaderHeaderHeader"),
  detail: "Bearer DetailDetailDetail0123456789",
  body: k("sk-ant-", "api03-BodyBodyBodyBody0123456789"),
  label: k("glpat-", "LabelLabelLabel0123456"),
  scope: "Bearer ScopeScopeScope0123456789abc",
  description: k("npm_", "DescriptionDescriptionDescription123"),
  stateReason: k("hf_", "StateReasonStateReasonStateReason0"),
  lastMessage: "password=LastMessageSecret99",
  prompt: "API_TOKEN=TypedPromptSecret77",
  runningTool: "DB_PASS=RunningToolSecret55",
  resume: k("AIza", "ResumeResumeResumeResumeResume01234"),
  screen: k("sk_", "live_", "ScreenDetailScreenDetail01"),
};
const secretParts = Object.values(S).map((s) => s.slice(-12));

function secretPrompt(): PendingPrompt {
  return {
    id: "ab2c",
    kind: "tool",
    tool: "Bash",
    detail: `curl -H 'Authorization: ${S.detail}' https://api.example.com`,
    body: `echo ${S.body}`,
    header: `Bash command ${S.header}`,
    question: `Do you want to send ${S.question}?`,
    options: [
      { number: 1, label: `Yes ${S.label}`, role: "once", highlighted: true },
      {
        number: 2,
        label: `Yes, and don't ask again for: curl -H 'Authorization: ${S.scope}'`,
        role: "always",
        scope: `curl -H 'Authorization: ${S.scope}'`,
        highlighted: false,
        description: `uses ${S.description}`,
      },
      { number: 3, label: "No", role: "no", highlighted: false },
    ],
    fingerprint: "fedcba9876543210",
    since: ISO,
    risk: "normal",
    riskReasons: [],
  };
}

function secretRecord(): SessionRecord {
  return {
    name: "s",
    workdir: "/w",
    agent: "claude-code",
    createdAt: ISO,
    lastActivityAt: ISO,
    prompts: [{ at: ISO, text: `deploy with ${S.prompt}` }],
    hook: { runningTool: { tool: "Bash", input: { command: `env ${S.runningTool} ./deploy` }, at: ISO } },
    pending: secretPrompt(),
    lastState: "working",
    stateReason: `ended: ${S.stateReason}`,
    lastMessage: `Done, I used ${S.lastMessage}`,
    resumeCommand: `claude --resume x ${S.resume}`,
    approvals: 0,
    autoApproved: 0,
  };
}

function leaks(text: string): string[] {
  return secretParts.filter((p) => text.includes(p));
}

describe("viewOf: the outward view has no secret in any field", () => {
  it("no field of the view carries a secret", () => {
    const v = seen(secretRecord(), `screen says ${S.screen}`);
    expect(leaks(JSON.stringify(v))).toEqual([]);
  });
  it.each([
    ["question", (v: ReturnType<typeof viewOf>) => v.pending?.question, S.question],
    ["header", (v: ReturnType<typeof viewOf>) => v.pending?.header, S.header],
    ["detail", (v: ReturnType<typeof viewOf>) => v.pending?.detail, S.detail],
    ["body", (v: ReturnType<typeof viewOf>) => v.pending?.body, S.body],
    ["option label", (v: ReturnType<typeof viewOf>) => v.pending?.options[0]?.label, S.label],
    ["always label", (v: ReturnType<typeof viewOf>) => v.pending?.options[1]?.label, S.scope],
    ["always scope", (v: ReturnType<typeof viewOf>) => v.pending?.options[1]?.scope, S.scope],
    ["option description", (v: ReturnType<typeof viewOf>) => v.pending?.options[1]?.description, S.description],
    ["stateReason", (v: ReturnType<typeof viewOf>) => v.stateReason, S.stateReason],
    ["lastMessage", (v: ReturnType<typeof viewOf>) => v.lastMessage, S.lastMessage],
    ["lastPrompt", (v: ReturnType<typeof viewOf>) => v.lastPrompt, S.prompt],
    ["currentTool", (v: ReturnType<typeof viewOf>) => v.currentTool, S.runningTool],
    ["resumeCommand", (v: ReturnType<typeof viewOf>) => v.resumeCommand, S.resume],
    ["detail (screen line)", (v: ReturnType<typeof viewOf>) => v.detail, S.screen],
  ] as const)("%s is redacted", (_field, get, secret) => {
    const out = get(seen(secretRecord(), `screen says ${S.screen}`)) ?? "";
    expect(out).toBeTruthy();
    expect(out).not.toContain(secret.slice(-12));
    expect(out).toContain("[redacted");
  });

  it("keeps what identifies the prompt: id, fingerprint, kind, tool, risk, option count, roles, numbers, highlight", () => {
    const rec = secretRecord();
    const v = seen(rec, "");
    const p = v.pending!;
    expect(p).toMatchObject({
      id: "ab2c",
      fingerprint: "fedcba9876543210",
      kind: "tool",
      tool: "Bash",
      risk: "normal",
    });
    expect(p.options.map((o) => [o.number, o.role, o.highlighted])).toEqual([
      [1, "once", true],
      [2, "always", false],
      [3, "no", false],
    ]);
    // and the stored record (what answering matches on screen) is untouched
    expect(rec.pending).toEqual(secretPrompt());
  });
});

describe("formatNotification: no secret in any notification text", () => {
  const types = [
    "approval_needed",
    "question",
    "dialog",
    "reminder",
    "error",
    "exited",
    "finished",
    "stalled",
    "trust_prompt",
  ] as const;
  it.each(types)("%s built from the view", (type) => {
    const v = seen(secretRecord(), `screen says ${S.screen}`);
    const n = {
      type,
      session: "s",
      at: ISO,
      id: "ab2c",
      pending: v.pending!,
      stateReason: v.stateReason,
      lastMessage: v.lastMessage,
      view: v,
    } as NotificationInput;
    expect(leaks(formatNotification(n))).toEqual([]);
  });
  it.each(types)("%s handed the raw record's fields (redaction happens there too)", (type) => {
    const rec = secretRecord();
    const n = {
      type,
      session: "s",
      at: ISO,
      id: "ab2c",
      pending: rec.pending!,
      stateReason: rec.stateReason,
      lastMessage: rec.lastMessage,
      view: {
        ...seen(rec, ""),
        detail: `screen says ${S.screen}`,
        resumeCommand: rec.resumeCommand,
        pending: rec.pending,
      },
    } as NotificationInput;
    expect(leaks(formatNotification(n))).toEqual([]);
  });
  it("a digest of raw prompts (the digest cuts each detail to 40 characters: redacted before the cut)", () => {
    const rec = secretRecord();
    const pending = { ...rec.pending!, detail: `export GH=${k("ghp_", "DigestDigestDigest0123456789")}` };
    const raw = { ...seen(rec, ""), pending };
    const n: NotificationInput = {
      type: "digest",
      at: ISO,
      ids: ["ab2c", "ab2c"],
      views: [raw, { ...raw, name: "t" }],
    };
    const text = formatNotification(n);
    expect(text).toContain("2 sessions waiting");
    expect(text).not.toContain("DigestDigest");
  });
  it("a secret that straddles the length cut is redacted before the cut", () => {
    const rec = secretRecord();
    // `short(detail, 160)` cuts the detail: a token split by the cut must not leave its first half.
    const token = k("ghp_", "StraddleStraddleStraddle0123456789");
    const pending = { ...rec.pending!, detail: `${"x".repeat(140)} ${token}` };
    const n = { type: "approval_needed", session: "s", at: ISO, id: "ab2c", pending } as NotificationInput;
    expect(formatNotification(n)).not.toContain("StraddleStr");
  });
  it("keeps the reply lines", () => {
    const v = seen(secretRecord(), "");
    const text = formatNotification({
      type: "approval_needed",
      session: "s",
      at: ISO,
      id: "ab2c",
      pending: v.pending!,
    } as Omit<Notification, "text">);
    expect(text).toContain("approve s ab2c");
    expect(text).toContain("deny s ab2c");
  });
});

describe("output: redact the whole capture, then cut", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-out-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function outputOf(screen: string, lines: number): Promise<string> {
    const w = createWingman({ config: resolveConfig({}, {}), stateDir: dir, env: {} });
    await w.updateRegistry((d: RegistryData) => {
      d.sessions.s = { ...secretRecord(), pending: null, lastState: "idle" };
    });
    // A stand-in screen: the pane as tmux would capture it (with history).
    Object.assign(w.tmux, { hasSession: async () => true, capture: async () => screen });
    const r = await w.output("s", lines);
    expect(r.ok).toBe(true);
    return r.ok ? r.facts.text : "";
  }

  const body = Array.from({ length: 25 }, (_, i) => `KeyBody${String(i).padStart(2, "0")}${"Ab1+/".repeat(11)}`);
  const keyScreen = [
    "● Here is the key you asked for:",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    ...body,
    "-----END OPENSSH PRIVATE KEY-----",
    "● Done.",
    "",
    "─".repeat(80),
    "❯ ",
    "─".repeat(80),
    "  ? for shortcuts",
  ].join("\n");

  it("a private key whose BEGIN line is above the window shows none of its body lines", async () => {
    const out = await outputOf(keyScreen, 10);
    for (const l of body) expect(out).not.toContain(l.slice(0, 9));
    expect(out).toContain("Done.");
  });
  it("the same key with the whole of it in the window", async () => {
    const out = await outputOf(keyScreen, 100);
    for (const l of body) expect(out).not.toContain(l.slice(0, 9));
    expect(out).toContain("[redacted private key]");
  });
  it("a key still being printed (no END yet) shows nothing after its BEGIN line", async () => {
    const open = ["● printing:", "-----BEGIN RSA PRIVATE KEY-----", ...body.slice(0, 20)].join("\n");
    const out = await outputOf(open, 5);
    for (const l of body) expect(out).not.toContain(l.slice(0, 9));
  });
  it("still the last N lines", async () => {
    const screen = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
    expect(await outputOf(screen, 3)).toBe("line 47\nline 48\nline 49");
  });
});
