// The unit of approval (core/approvals/pending.ts, core/store/names.ts): the same request keeps its id, a new one gets a new id, never reused.
import { describe, expect, it } from "vitest";
import { isPromptId, isValidName, newPromptId } from "../../../../src/core/store/names.js";
import {
  fingerprintOf,
  reconcilePending,
  sameRequest,
  type StoredPending,
} from "../../../../src/core/approvals/pending.js";
import { claudeCode } from "../../../../src/agents/claude-code/index.js";
import type { ParsedPrompt } from "../../../../src/api/types.js";
import { bash4 } from "../../../../devkit/prompts.js";

const now = new Date("2026-11-24T12:00:00Z");

describe("pending prompt identity", () => {
  it("keeps the id for the same request (options completed later), new id for a new request", () => {
    const used = new Set<string>();
    const hookBorn: ParsedPrompt = {
      kind: "tool",
      question: "",
      tool: "Bash",
      detail: bash4.detail,
      options: [],
      optionsPending: true,
    };
    const a = reconcilePending({
      stored: null,
      seen: hookBorn,
      hookSeq: 1,
      usedIds: used,
      workdir: "/w",
      now,
      toolClass: claudeCode.toolClass,
    });
    expect(a.isNew).toBe(true);
    const b = reconcilePending({
      stored: a.pending,
      seen: bash4,
      hookSeq: 1,
      usedIds: used,
      workdir: "/w",
      now,
      toolClass: claudeCode.toolClass,
    });
    expect(b.pending?.id).toBe(a.pending?.id);
    expect(b.pending?.fingerprint).toBe(fingerprintOf(bash4));
    // Cursor moved: same request.
    const moved = { ...bash4, options: bash4.options.map((o, i) => ({ ...o, highlighted: i === 3 })) };
    expect(
      reconcilePending({
        stored: b.pending,
        seen: moved,
        hookSeq: 1,
        usedIds: used,
        workdir: "/w",
        now,
        toolClass: claudeCode.toolClass,
      }).pending?.id,
    ).toBe(a.pending?.id);
    // Same command, a new PermissionRequest: a new id.
    const c = reconcilePending({
      stored: b.pending,
      seen: bash4,
      hookSeq: 2,
      usedIds: used,
      workdir: "/w",
      now,
      toolClass: claudeCode.toolClass,
    });
    expect(c.isNew).toBe(true);
    expect(c.pending?.id).not.toBe(a.pending?.id);
    const other = { ...bash4, detail: "ls /etc" };
    expect(sameRequest(c.pending as StoredPending, other, 2)).toBe(false);
    expect(
      reconcilePending({
        stored: c.pending,
        seen: null,
        hookSeq: 2,
        usedIds: used,
        workdir: "/w",
        now,
        toolClass: claudeCode.toolClass,
      }).pending,
    ).toBeNull();
    expect(used.size).toBe(2);
  });
  it("ids: 4 chars, no look-alikes, always a digit, never reused", () => {
    const used = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const id = newPromptId(used);
      expect(isPromptId(id)).toBe(true);
      used.add(id);
    }
    expect(used.size).toBe(3000);
    expect(isPromptId("code")).toBe(false);
    expect(isPromptId("7f3k")).toBe(true);
    expect(isPromptId("7f0k")).toBe(false);
  });
  it("names", () => {
    for (const ok of ["vsr", "vsr-fix-2", "a".repeat(32), "9lives"]) expect(isValidName(ok)).toBe(true);
    for (const bad of ["", "-t", "a;b", "$(x)", "../../x", "A", "a".repeat(33), "a b", "é"])
      expect(isValidName(bad)).toBe(false);
  });
});
