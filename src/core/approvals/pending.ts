// Naming the unit of approval: a pending prompt gets an id when Wingman first learns of it and keeps it
// while the same request is on screen; a different request gets a new id; an id is never reused.
import { createHash } from "node:crypto";
import { newPromptId } from "../store/names.js";
import type { ToolClass } from "../../agents/agent.js";
import { assessRisk } from "./risk.js";
import type { ParsedPrompt, PendingPrompt } from "../../api/types.js";

/** Internal bookkeeping stored with a pending prompt (not part of the outside contract). */
export interface PendingMeta {
  /** The PermissionRequest sequence number it came from, if any: a new request is a new prompt. */
  hookSeq?: number;
  /** When its options were first seen drawn (keys wait for the dialog to settle after this). */
  drawnAt?: string;
}

export type StoredPending = PendingPrompt & PendingMeta;

const norm = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/** What a prompt asks, hashed: kind, tool, detail, question and the option labels in order. */
export function fingerprintOf(p: ParsedPrompt): string {
  const src = JSON.stringify([
    p.kind,
    p.tool ?? "",
    norm(p.detail),
    norm(p.question),
    p.options.map((o) => norm(o.label)),
  ]);
  return createHash("sha256").update(src).digest("hex").slice(0, 16);
}

/**
 * Whether the prompt now seen is the same request as the stored one. The identity is what is asked
 * (kind, tool, detail); the question and options may be completed later (a hook-born prompt has none),
 * and the highlight or a checkbox may move, neither of which makes it a new request.
 */
export function sameRequest(stored: StoredPending, seen: ParsedPrompt, hookSeq: number | undefined): boolean {
  if (stored.hookSeq !== undefined && hookSeq !== undefined && stored.hookSeq !== hookSeq) return false;
  if (stored.kind !== seen.kind) return false;
  const a = norm(stored.detail);
  const b = norm(seen.detail);
  const prefix = a.length > 0 && b.length > 0 && (a.startsWith(b) || b.startsWith(a));
  if (stored.optionsPending || seen.optionsPending) {
    // One side is only what the hook told (tool and input): compare what both sides know.
    if (stored.tool && seen.tool && stored.tool !== seen.tool) return false;
    return a === b || !a || !b || prefix;
  }
  if ((stored.tool ?? "") !== (seen.tool ?? "")) return false;
  if (a !== b && !prefix) return false;
  return norm(stored.question) === norm(seen.question) && labelsOf(stored) === labelsOf(seen);
}

function labelsOf(p: ParsedPrompt): string {
  // Labels without the editable part of a "No, …" row (Tab turns it into a text field).
  return p.options.map((o) => (o.role === "no" ? "no" : norm(o.label))).join("|");
}

/**
 * Decide the pending prompt for a session now: keep the stored one (updating what is drawn) when it is
 * the same request, else name a new one. Returns null when nothing is pending.
 */
export function reconcilePending(o: {
  stored: StoredPending | null;
  seen: ParsedPrompt | null;
  hookSeq: number | undefined;
  usedIds: Set<string>;
  workdir: string;
  now: Date;
  /** The agent's reading of its tool names, for the risk rules. */
  toolClass: (tool: string | null) => ToolClass;
  /** Folders the session must not reach (its main checkout, other sessions' worktrees). */
  fences?: readonly string[];
}): { pending: StoredPending | null; isNew: boolean } {
  const { stored, seen } = o;
  if (!seen) return { pending: null, isNew: false };
  const risk = assessRisk(
    { kind: seen.kind, tool: seen.tool, detail: seen.detail, body: seen.body },
    o.workdir,
    o.toolClass(seen.tool),
    o.fences,
  );
  if (stored && sameRequest(stored, seen, o.hookSeq)) {
    // Keep what the hook told when the screen adds nothing (options not drawn yet).
    const merged: ParsedPrompt = seen.optionsPending && !stored.optionsPending ? stored : seen;
    return {
      pending: {
        ...merged,
        id: stored.id,
        since: stored.since,
        hookSeq: stored.hookSeq ?? o.hookSeq,
        drawnAt: stored.drawnAt,
        fingerprint: fingerprintOf(merged),
        risk: risk.tier,
        riskReasons: risk.reasons,
      },
      isNew: false,
    };
  }
  const id = newPromptId(o.usedIds);
  o.usedIds.add(id);
  return {
    pending: {
      ...seen,
      id,
      since: o.now.toISOString(),
      hookSeq: o.hookSeq,
      fingerprint: fingerprintOf(seen),
      risk: risk.tier,
      riskReasons: risk.reasons,
    },
    isNew: true,
  };
}

/** The contract's view of a pending prompt: internal fields dropped. */
export function publicPending(p: StoredPending | null): PendingPrompt | null {
  if (!p) return null;
  const { hookSeq: _seq, drawnAt: _drawn, ...rest } = p;
  return rest;
}
