// The third wave's git phrases: spawn's key=value options, changes/diff, merge, pr, kill … clean, and which of
// them OpenClaw's plain text may claim (read-only ones only).
import { describe, expect, it } from "vitest";
import { claimsPlainText, intentToString, parseCommand } from "../../src/doors/phrases/grammar.js";
import { requestOf } from "../../src/doors/phrases/requests.js";

const intent = (s: string) => {
  const r = parseCommand(s);
  if (!r.ok) throw new Error(`${s}: ${r.error}`);
  return r.intent;
};
const failure = (s: string) => {
  const r = parseCommand(s);
  if (r.ok) throw new Error(`${s} parsed`);
  return r;
};

describe("spawn options", () => {
  it("reads key=value words right after DIR, keeping the values' case; the rest is the prompt", () => {
    expect(intent("spawn api ~/code/api worktree=no base=Release/2.0 branch=Feat/X fix the test")).toEqual({
      verb: "spawn",
      session: "api",
      workdir: "~/code/api",
      worktree: false,
      base: "Release/2.0",
      branch: "Feat/X",
      prompt: "fix the test",
    });
    expect(intent("spawn api ~/x WORKTREE=YES")).toMatchObject({ worktree: true });
    expect(intent("spawn api ~/x model=claude-opus-4")).toMatchObject({ model: "claude-opus-4" });
  });

  it("`--` ends the options; a prompt word with = after it is text; an unknown key is the prompt", () => {
    expect(intent("spawn api ~/x -- base=dev is what I want")).toMatchObject({ prompt: "base=dev is what I want" });
    expect(intent("spawn api ~/x set x=1 in the config")).toMatchObject({ prompt: "set x=1 in the config" });
    expect(intent("spawn api ~/x worktree=no -- a=b")).toMatchObject({ worktree: false, prompt: "a=b" });
  });

  it("a slip of a key, a bad value or a repeated key is a usage error with the fix, never a prompt", () => {
    expect(failure("spawn api ~/x worktre=no fix").error).toContain("did you mean worktree=");
    expect(failure("spawn api ~/x bse=dev fix").error).toContain("did you mean base=");
    expect(failure("spawn api ~/x worktree=maybe").error).toContain("worktree= takes yes or no");
    expect(failure("spawn api ~/x base=-x").error).toContain("invalid base");
    expect(failure("spawn api ~/x base=a base=b").error).toContain("given twice");
  });

  it("round-trips through intentToString, and reaches the spawn request", () => {
    for (const s of [
      "spawn api ~/x worktree=no base=dev fix it",
      "spawn api ~/x -- a=b",
      "spawn api ~/x branch=Feat/X",
    ]) {
      expect(intent(intentToString(intent(s)))).toEqual(intent(s));
    }
    expect(requestOf(intent("spawn api ~/x worktree=yes base=dev go"))).toMatchObject({
      op: "spawn",
      req: { worktree: true, base: "dev", prompt: "go" },
    });
  });
});

describe("changes, merge, pr, kill … clean", () => {
  it("parses each form", () => {
    expect(intent("changes api")).toEqual({ verb: "changes", session: "api" });
    expect(intent("diff api src/Main.ts")).toEqual({ verb: "changes", session: "api", file: "src/Main.ts" });
    expect(intent('changes api "docs/my file.md"')).toEqual({
      verb: "changes",
      session: "api",
      file: "docs/my file.md",
    });
    expect(intent("merge api")).toEqual({ verb: "merge", session: "api", commit: false, confirm: false });
    expect(intent("merge api squash commit")).toEqual({
      verb: "merge",
      session: "api",
      mode: "squash",
      commit: true,
      confirm: false,
    });
    expect(intent("merge api confirm ff")).toEqual({
      verb: "merge",
      session: "api",
      mode: "ff",
      commit: false,
      confirm: true,
    });
    expect(intent("pr api")).toEqual({ verb: "pr", session: "api", commit: false });
    expect(intent("pr api commit Fix the Flaky test")).toEqual({
      verb: "pr",
      session: "api",
      commit: true,
      title: "Fix the Flaky test",
    });
    expect(intent("kill api clean")).toEqual({ verb: "kill", session: "api", clean: true });
    expect(intent("kill api clean confirm")).toEqual({ verb: "kill", session: "api", clean: true, confirm: true });
    expect(requestOf(intent("kill api clean confirm"))).toEqual({ op: "clean", session: "api", confirm: true });
    expect(requestOf(intent("kill api"))).toEqual({ op: "kill", session: "api" });
  });

  it("refuses what it cannot read, with the nearest phrase", () => {
    expect(failure("merge api sqash")).toMatchObject({ suggestion: "merge api" });
    expect(failure("merge api sqash").error).toContain('did you mean "squash"');
    expect(failure("kill api confirm").error).toContain("unexpected");
  });

  it("OpenClaw plain text claims changes for a known session, never merge, pr or kill … clean", () => {
    const known = { sessions: new Set(["api"]), ids: new Set<string>() };
    expect(claimsPlainText("changes api", known)).toMatchObject({ verb: "changes" });
    expect(claimsPlainText("diff api a.txt", known)).toMatchObject({ verb: "changes", file: "a.txt" });
    expect(claimsPlainText("changes other", known)).toBeNull();
    expect(claimsPlainText("merge api", known)).toBeNull();
    expect(claimsPlainText("pr api", known)).toBeNull();
    expect(claimsPlainText("kill api clean", known)).toBeNull();
    expect(claimsPlainText("kill api", known)).toMatchObject({ verb: "kill" });
  });
});

describe("grammar: the follow-up queue", () => {
  it("queue NAME and unqueue NAME parse, print back and make the same request as the CLI", () => {
    expect(intent("queue api")).toEqual({ verb: "queue", session: "api" });
    expect(intent("/wm unqueue API")).toEqual({ verb: "unqueue", session: "api" });
    expect(intentToString(intent("unqueue api"))).toBe("unqueue api");
    expect(requestOf(intent("queue api"))).toEqual({ op: "queue", session: "api" });
    expect(failure("queue").error).toContain("queue needs a session name");
    expect(failure("queue api now")).toMatchObject({ suggestion: "queue api" });
    expect(failure("queu api")).toMatchObject({ suggestion: "queue api" });
  });

  it("plain text claims the read-only `queue NAME` for a known session, never `unqueue`", () => {
    const known = { sessions: new Set(["api"]), ids: new Set<string>() };
    expect(claimsPlainText("queue api", known)).toMatchObject({ verb: "queue", session: "api" });
    expect(claimsPlainText("queue other", known)).toBeNull();
    expect(claimsPlainText("unqueue api", known)).toBeNull();
  });
});
