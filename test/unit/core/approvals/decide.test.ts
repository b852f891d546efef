// decide(): the whole of "may this answer be pressed, and how", on recorded real screens of Claude Code
// 2.1.331 and Codex 0.171.0, with no tmux. Each case names the rule it holds: the owner rule (the same one
// every operation uses), the text rule, the id on screen, "say which", the dialog drawn, the prompt as read,
// the choice by meaning, risk and confirm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claudeCode } from "../../../../src/agents/claude-code/index.js";
import { codex } from "../../../../src/agents/codex/index.js";
import type { Agent } from "../../../../src/agents/agent.js";
import { redactPrompt } from "../../../../src/api/redact.js";
import type { Actor, ParsedPrompt, RespondRequest, SessionView } from "../../../../src/api/types.js";
import { ownerRule } from "../../../../src/core/approvals/authorize.js";
import { type AnswerRecord, decide, type Decision } from "../../../../src/core/approvals/decide.js";
import { publicPending, reconcilePending, type StoredPending } from "../../../../src/core/approvals/pending.js";

const CLAUDE = join(import.meta.dirname, "../../../fixtures/screens/claude-code-2.1.331");
const CODEX = join(import.meta.dirname, "../../../fixtures/codex/codex-0.171.0");
const OWNER: Actor = { id: "cli:me", channel: "cli", authorized: true };
const STRANGER: Actor = { id: "whatsapp:+15550000000", channel: "whatsapp", authorized: false };
const NOW = Date.parse("2026-12-03T08:00:00Z");
const DRAWN = "2026-12-03T07:59:50.000Z";

/** A session reading the recorded screen `file`: the stored prompt (as drawn) and the view (redacted). */
function session(agent: Agent, dir: string, file: string, workdir = "/home/me/project") {
  const reading = agent.classify(readFileSync(join(dir, file), "utf8"));
  if (!reading.prompt) throw new Error(`${file} shows no dialog`);
  return named(agent, reading.prompt, workdir);
}

function named(agent: Agent, seen: ParsedPrompt, workdir = "/home/me/project") {
  const { pending } = reconcilePending({
    stored: null,
    seen,
    hookSeq: undefined,
    usedIds: new Set(["zz22"]),
    workdir,
    now: new Date(NOW),
    toolClass: (t) => agent.toolClass(t),
  });
  const stored: StoredPending = { ...pending!, ...(seen.optionsPending ? {} : { drawnAt: DRAWN }) };
  const view: SessionView = {
    name: "vsr",
    workdir,
    agent: agent.id,
    host: null,
    state: stored.kind === "trust" ? "trust_prompt" : stored.kind === "question" ? "waiting_input" : "waiting_approval",
    pending: redactPrompt(publicPending(stored)!),
    createdAt: DRAWN,
    lastActivityAt: DRAWN,
  };
  const record: AnswerRecord = { stored, usedIds: ["zz22", stored.id], shownId: undefined };
  return { stored, view, record, id: stored.id };
}

const ask = (req: Partial<RespondRequest> & Pick<RespondRequest, "action">): RespondRequest => ({
  session: "vsr",
  ...req,
});
const plan = (d: Decision) => {
  if (d.kind !== "plan") throw new Error(`expected a plan, got ${JSON.stringify(d)}`);
  return d.plan;
};
const refusal = (d: Decision) => {
  if (d.kind !== "refuse") throw new Error(`expected a refusal, got ${JSON.stringify(d)}`);
  return d.refusal;
};

describe("decide (pure, recorded screens)", () => {
  const py = () => session(claudeCode, CLAUDE, "bash-prompt-python.txt");

  it("approve by the id on screen: the plain yes (option 1), keys after the settle time", () => {
    const s = py();
    const p = plan(decide(s.record, s.view, ask({ action: "approve", id: s.id }), OWNER, claudeCode, { now: NOW }));
    expect(p.keys).toEqual({ kind: "select", index: 0, reason: undefined });
    expect(p.option).toBe("Yes");
    expect(p.prompt.id).toBe(s.id);
    expect(p.settleAt).toBe(Date.parse(DRAWN) + claudeCode.settleMs);
  });

  it("always: the row that remembers, with exactly what it grants", () => {
    const s = py();
    const p = plan(decide(s.record, s.view, ask({ action: "always", id: s.id }), OWNER, claudeCode, { now: NOW }));
    expect(p.keys).toMatchObject({ kind: "select", index: 1 });
    expect(p.scope).toBe("python3 *");
  });

  it("deny with a reason: the No row, the reason carried", () => {
    const s = py();
    const p = plan(
      decide(s.record, s.view, ask({ action: "deny", id: s.id, reason: " use node " }), OWNER, claudeCode, {
        now: NOW,
      }),
    );
    expect(p.keys).toEqual({ kind: "select", index: 3, reason: "use node" });
    expect(p.reason).toBe("use node");
  });

  it("not an owner: the same refusal as every other operation's owner rule", () => {
    const s = py();
    const r = refusal(
      decide(s.record, s.view, ask({ action: "approve", id: s.id }), STRANGER, claudeCode, { now: NOW }),
    );
    expect(r).toEqual({ ok: false, error: "not_owner", facts: ownerRule(STRANGER, "answer prompts") });
  });

  it("a control character in a deny reason is refused before anything else is looked at", () => {
    const s = py();
    const r = refusal(
      decide(s.record, s.view, ask({ action: "deny", id: s.id, reason: "no\rrm -rf ~" }), OWNER, claudeCode, {
        now: NOW,
      }),
    );
    expect(r).toMatchObject({
      error: "control_char",
      facts: { why: "control_char", place: "the deny reason", codePoint: "U+000D", position: 3 },
    });
  });

  it("an id that is not the one on screen names the one that is", () => {
    const s = py();
    const r = refusal(
      decide(s.record, s.view, ask({ action: "approve", id: "k7m2" }), OWNER, claudeCode, { now: NOW }),
    );
    expect(r).toMatchObject({ error: "stale_id", facts: { why: "not_on_screen", id: "k7m2", pending: { id: s.id } } });
  });

  it("no id: refused until this person has been shown the prompt (and then they have been)", () => {
    const s = py();
    const d = decide(s.record, s.view, ask({ action: "approve" }), OWNER, claudeCode, { now: NOW });
    expect(d).toMatchObject({
      kind: "refuse",
      markShown: s.id,
      refusal: { error: "stale_id", facts: { why: "say_which" } },
    });
    const shown = { ...s.record, shownId: s.id };
    expect(plan(decide(shown, s.view, ask({ action: "approve" }), OWNER, claudeCode, { now: NOW })).prompt.id).toBe(
      s.id,
    );
  });

  it("nothing pending: an id answered before is 'answered already', else 'nothing pending'", () => {
    const s = py();
    const idle: SessionView = { ...s.view, state: "idle", pending: null };
    const none = { ...s.record, stored: null };
    expect(
      refusal(decide(none, idle, ask({ action: "approve", id: "zz22" }), OWNER, claudeCode, { now: NOW })),
    ).toMatchObject({
      error: "stale_id",
      facts: { why: "answered_already", id: "zz22", state: "idle" },
    });
    expect(
      refusal(decide(none, idle, ask({ action: "approve", id: "k7m2" }), OWNER, claudeCode, { now: NOW })),
    ).toMatchObject({
      error: "wrong_state",
      facts: { why: "nothing_pending", state: "idle" },
    });
  });

  it("announced by the hook, not drawn: wait; gone while waiting: 'went away before drawn'", () => {
    const hook = named(claudeCode, {
      kind: "tool",
      tool: "Bash",
      detail: "python3 -c 'print(6*7)'",
      question: "",
      options: [],
      optionsPending: true,
    });
    expect(
      decide(hook.record, hook.view, ask({ action: "approve", id: hook.id }), OWNER, claudeCode, { now: NOW }),
    ).toEqual({ kind: "wait", id: hook.id });
    const other = py();
    expect(
      refusal(
        decide(other.record, other.view, ask({ action: "approve", id: hook.id }), OWNER, claudeCode, {
          now: NOW,
          waitingFor: hook.id,
        }),
      ),
    ).toMatchObject({
      error: "stale_id",
      facts: { why: "went_away", id: hook.id, before: "drawn", pending: { id: other.id } },
    });
  });

  it("a view whose prompt is not the one in the record (read apart) is refused, nothing pressed", () => {
    const s = py();
    const r = refusal(
      decide(
        { ...s.record, stored: { ...s.stored, id: "q9w8" } },
        s.view,
        ask({ action: "approve", id: s.id }),
        OWNER,
        claudeCode,
        { now: NOW },
      ),
    );
    expect(r).toMatchObject({ error: "stale_id", facts: { why: "went_away", before: "read" } });
  });

  it("high risk: approve needs confirm, always is refused, approve confirm is a plan", () => {
    const s = session(claudeCode, CLAUDE, "bash-prompt-python.txt");
    const risky = {
      ...s,
      view: { ...s.view, pending: { ...s.view.pending!, risk: "high" as const, riskReasons: ["rm -rf"] } },
    };
    expect(
      refusal(decide(risky.record, risky.view, ask({ action: "approve", id: s.id }), OWNER, claudeCode, { now: NOW })),
    ).toMatchObject({
      error: "needs_confirm",
      facts: { why: "needs_confirm", pending: { riskReasons: ["rm -rf"] } },
    });
    expect(
      refusal(
        decide(risky.record, risky.view, ask({ action: "always", id: s.id, confirm: true }), OWNER, claudeCode, {
          now: NOW,
        }),
      ),
    ).toMatchObject({
      error: "needs_confirm",
      facts: { why: "always_high_risk" },
    });
    expect(
      plan(
        decide(risky.record, risky.view, ask({ action: "approve", id: s.id, confirm: true }), OWNER, claudeCode, {
          now: NOW,
        }),
      ).keys,
    ).toMatchObject({ index: 0 });
  });

  it("the recorded dialog asking for `rm -rf build` is high risk by the rules, and needs confirm", () => {
    const screen = readFileSync(join(CLAUDE, "bash-prompt-python.txt"), "utf8")
      .split("python3 -c 'print(6*7)'")
      .join("rm -rf build");
    const reading = claudeCode.classify(screen);
    const s = named(claudeCode, reading.prompt!);
    expect(s.view.pending).toMatchObject({ risk: "high", riskReasons: ["rm -rf"] });
    expect(
      refusal(decide(s.record, s.view, ask({ action: "approve", id: s.id }), OWNER, claudeCode, { now: NOW })),
    ).toMatchObject({
      error: "needs_confirm",
      facts: { why: "needs_confirm", session: "vsr", pending: { id: s.id } },
    });
  });

  it("trust: refused on a tool prompt, the Yes row on the folder-trust dialog", () => {
    const s = py();
    expect(refusal(decide(s.record, s.view, ask({ action: "trust" }), OWNER, claudeCode, { now: NOW }))).toMatchObject({
      error: "stale_id",
      facts: { why: "say_which" },
    });
    expect(
      refusal(
        decide({ ...s.record, shownId: s.id }, s.view, ask({ action: "trust" }), OWNER, claudeCode, { now: NOW }),
      ),
    ).toMatchObject({
      error: "refused",
      facts: { why: "not_trust" },
    });
    const t = session(claudeCode, CLAUDE, "trust-prompt.txt");
    const p = plan(
      decide({ ...t.record, shownId: t.id }, t.view, ask({ action: "trust" }), OWNER, claudeCode, { now: NOW }),
    );
    expect(p.prompt.kind).toBe("trust");
    expect(t.view.pending?.options[(p.keys as { index: number }).index]?.label).toMatch(/^Yes/);
  });

  it("a question: an option by number is a plan; a number it does not show is refused with the agent's reason", () => {
    const q = session(claudeCode, CLAUDE, "ask-single.txt");
    const p = plan(
      decide(q.record, q.view, ask({ action: "answer", id: q.id, choices: ["1"] }), OWNER, claudeCode, { now: NOW }),
    );
    expect(p.keys.kind).toBe("answer");
    expect(p.option).toBe(q.view.pending!.options[0]!.label);
    const r = refusal(
      decide(q.record, q.view, ask({ action: "answer", id: q.id, choices: ["9"] }), OWNER, claudeCode, { now: NOW }),
    );
    expect(r).toMatchObject({ error: "refused", facts: { why: "no_such_choice", problem: expect.any(String) } });
  });

  it("a tool prompt answered with `answer` is refused (it takes approve, always or deny)", () => {
    const s = py();
    expect(
      refusal(
        decide(s.record, s.view, ask({ action: "answer", id: s.id, choices: ["1"] }), OWNER, claudeCode, { now: NOW }),
      ),
    ).toMatchObject({
      error: "refused",
      facts: { why: "no_such_choice" },
    });
  });

  it("Codex: approve and deny choose its own rows by meaning", () => {
    const c = session(codex, CODEX, "approval-bash.txt");
    const yes = plan(decide(c.record, c.view, ask({ action: "approve", id: c.id }), OWNER, codex, { now: NOW }));
    expect(c.view.pending!.options[(yes.keys as { index: number }).index]?.role).toBe("once");
    const no = plan(decide(c.record, c.view, ask({ action: "deny", id: c.id }), OWNER, codex, { now: NOW }));
    expect(c.view.pending!.options[(no.keys as { index: number }).index]?.role).toBe("no");
  });

  it("no session: not found (whoever asks, after the owner rule)", () => {
    const s = py();
    expect(refusal(decide(s.record, null, ask({ action: "approve", id: s.id }), OWNER, null, { now: NOW }))).toEqual({
      ok: false,
      error: "not_found",
      facts: { why: "no_session", session: "vsr" },
    });
  });
});
