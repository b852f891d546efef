// The one mapping from what a person asked to what the core does, shared by every front door: the CLI
// (from argv), `/wm` and OpenClaw's plain text (from a parsed phrase), and the assistant's tools (from
// their parameters) build a Request; perform() carries it out through the core API and returns a Result
// with an error code and the outcome's facts; replies.ts (through format/outcomes.ts) turns the Result into
// the text a person reads. No door maps on its own, and no door reads a reply's text to learn what happened.
import { errorMessage, WingmanError, type WingmanErrorCode } from "../../api/errors.js";
import type { ActOutcome, RefusalFacts } from "../../api/outcomes.js";
import type { Actor, HostReport, RespondRequest, SessionView } from "../../api/types.js";
import type { AuditEntry, HistoryEntry, SessionSummary, SpawnRequest } from "../../api/wingman-api.js";
import type { Wingman } from "../../core/wingman.js";
import type {
  ChangesOutcome,
  CleanOutcome,
  GitRefusal,
  MergeMode,
  MergeOutcome,
  PatchOutcome,
  PrOutcome,
} from "../../api/workspaces.js";
import type { Intent } from "./grammar.js";
import type { UsageReport } from "../../api/usage.js";

export type Request =
  | { op: "spawn"; req: SpawnRequest }
  | { op: "send"; session: string; text: string; force: boolean; confirm?: boolean }
  | { op: "respond"; req: RespondRequest }
  | { op: "status"; session?: string }
  | { op: "output"; session: string; lines?: number }
  | { op: "kill"; session: string }
  | { op: "queue"; session: string }
  | { op: "unqueue"; session: string }
  /** One session by name, or every resumable one (`all`). */
  | { op: "resume"; session: string }
  | { op: "resume"; all: true }
  | { op: "history"; limit?: number }
  | { op: "audit"; limit?: number }
  | { op: "hosts" }
  | { op: "usage"; session?: string }
  | { op: "help"; topic?: string }
  | { op: "changes"; session: string; file?: string }
  | { op: "merge"; session: string; mode?: MergeMode; commit: boolean; confirm: boolean }
  | { op: "pr"; session: string; title?: string; commit: boolean }
  /** kill NAME clean [confirm] */
  | { op: "clean"; session: string; confirm: boolean }
  /** adopt [TARGET NAME]; `socket` lists another of the person's servers (CLI --socket). */
  | { op: "adopt"; target?: string; session?: string; socket?: string }
  | { op: "release"; session: string };

/** The git operations' outcomes: facts, worded by format/changes.ts. */
export type WorkspaceOutcome = ChangesOutcome | PatchOutcome | MergeOutcome | PrOutcome | CleanOutcome;
export type WorkspaceVerb = "changes" | "merge" | "pr" | "clean";

export type Result =
  | { op: "status"; ok: true; views: SessionView[]; one: boolean }
  | { op: "history"; ok: true; sessions: SessionSummary[]; entries: HistoryEntry[] }
  | { op: "audit"; ok: true; entries: AuditEntry[] }
  | { op: "hosts"; ok: true; hosts: HostReport[] }
  | { op: "usage"; ok: true; report: UsageReport }
  | { op: "help"; ok: true; topic?: string }
  | { op: "output"; ok: true; text: string }
  /** spawn, send, respond, kill, resume, queue, unqueue: the core's outcome, as facts (api/outcomes.ts). */
  | { op: "act"; ok: true; outcome: Extract<ActOutcome, { ok: true }> }
  /** changes, merge, pr, kill … clean: the outcome's facts, worded by format/changes.ts. */
  | { op: "workspace"; verb: WorkspaceVerb; ok: true; outcome: Extract<WorkspaceOutcome, { ok: true }> }
  /** A git refusal's facts (api/workspaces.ts), or a refusal every operation shares (api/outcomes.ts). */
  | { op: "workspace"; verb: WorkspaceVerb; ok: false; error: WingmanErrorCode; facts: GitRefusal }
  | { op: Request["op"] | "act"; ok: false; error: WingmanErrorCode; facts: RefusalFacts };

/** The one mapping from a parsed chat phrase to a core request. */
export function requestOf(intent: Intent): Request {
  switch (intent.verb) {
    case "approve":
      return {
        op: "respond",
        req: { session: intent.session, action: "approve", id: intent.id, confirm: intent.confirm },
      };
    case "always":
      return { op: "respond", req: { session: intent.session, action: "always", id: intent.id } };
    case "deny":
      return { op: "respond", req: { session: intent.session, action: "deny", id: intent.id, reason: intent.reason } };
    case "trust":
      return { op: "respond", req: { session: intent.session, action: "trust" } };
    case "answer":
      return {
        op: "respond",
        req: {
          session: intent.session,
          action: "answer",
          id: intent.id,
          choices: intent.choices ?? undefined,
          text: intent.text,
        },
      };
    case "tell":
      return { op: "send", session: intent.session, text: intent.text, force: intent.force };
    case "spawn":
      return {
        op: "spawn",
        req: {
          session: intent.session,
          workdir: intent.workdir,
          prompt: intent.prompt,
          ...(intent.agent ? { agent: intent.agent } : {}),
          ...(intent.host ? { host: intent.host } : {}),
          ...(intent.worktree !== undefined ? { worktree: intent.worktree } : {}),
          ...(intent.base ? { base: intent.base } : {}),
          ...(intent.branch ? { branch: intent.branch } : {}),
          ...(intent.model ? { model: intent.model } : {}),
        },
      };
    case "status":
      return { op: "status", session: intent.session };
    case "output":
      return { op: "output", session: intent.session, lines: intent.lines };
    case "kill":
      return intent.clean
        ? { op: "clean", session: intent.session, confirm: !!intent.confirm }
        : { op: "kill", session: intent.session };
    case "changes":
      return { op: "changes", session: intent.session, ...(intent.file ? { file: intent.file } : {}) };
    case "merge":
      return {
        op: "merge",
        session: intent.session,
        ...(intent.mode ? { mode: intent.mode } : {}),
        commit: intent.commit,
        confirm: intent.confirm,
      };
    case "pr":
      return {
        op: "pr",
        session: intent.session,
        ...(intent.title ? { title: intent.title } : {}),
        commit: intent.commit,
      };
    case "resume":
      return intent.all ? { op: "resume", all: true } : { op: "resume", session: intent.session };
    case "queue":
    case "unqueue":
      return { op: intent.verb, session: intent.session };
    case "history":
      return { op: "history" };
    case "audit":
      return { op: "audit" };
    case "hosts":
      return { op: "hosts" };
    case "adopt":
      return { op: "adopt", ...(intent.target ? { target: intent.target, session: intent.session } : {}) };
    case "release":
      return { op: "release", session: intent.session };
    case "usage":
      return intent.session ? { op: "usage", session: intent.session } : { op: "usage" };
    case "help":
      return { op: "help", topic: intent.topic };
  }
}

/** Carry out a request through the core API, as `actor`. Never throws for a refusal: it comes back with its code. */
export async function perform(w: Wingman, r: Request, actor: Actor): Promise<Result> {
  const act = (o: ActOutcome): Result =>
    o.ok ? { op: "act", ok: true, outcome: o } : { op: "act", ok: false, error: o.error, facts: o.facts };
  try {
    switch (r.op) {
      case "spawn":
        return act(await w.spawn(r.req, actor));
      case "send":
        return act(await w.send(r.session, r.text, { force: r.force, ...(r.confirm ? { confirm: true } : {}) }, actor));
      case "respond":
        return act(await w.respond(r.req, actor));
      case "kill":
        return act(await w.kill(r.session, actor));
      case "queue":
        return act(await w.queue(r.session));
      case "unqueue":
        return act(await w.unqueue(r.session, actor));
      case "resume":
        return act("all" in r ? await w.resumeAll(actor) : await w.resume(r.session, actor));
      case "adopt":
        return act(
          await w.adopt(
            {
              ...(r.target !== undefined ? { target: r.target, session: r.session ?? "" } : {}),
              ...(r.socket !== undefined ? { socket: r.socket } : {}),
            },
            actor,
          ),
        );
      case "release":
        return act(await w.release(r.session, actor));
      case "status": {
        const views = await w.status(r.session);
        // What the person was shown: an id-less answer from them now means these prompts.
        await w.markShown(
          actor,
          views.filter((v) => v.pending).map((v) => ({ session: v.name, id: v.pending!.id })),
        );
        return { op: "status", ok: true, views, one: r.session !== undefined };
      }
      case "output": {
        const o = await w.output(r.session, r.lines ?? 30);
        return o.ok
          ? { op: "output", ok: true, text: o.facts.text }
          : { op: "output", ok: false, error: o.error, facts: o.facts };
      }
      case "history": {
        const h = await w.history(r.limit ?? 10);
        return { op: "history", ok: true, sessions: h.sessions, entries: h.entries };
      }
      case "audit":
        return { op: "audit", ok: true, entries: await w.audit(r.limit ?? 10) };
      case "hosts":
        return { op: "hosts", ok: true, hosts: await w.hosts() };
      case "usage":
        return { op: "usage", ok: true, report: await w.usage(r.session) };
      case "help":
        return { op: "help", ok: true, topic: r.topic };
      case "changes":
        return workspaceResult("changes", await w.changes(r.session, r.file));
      case "merge":
        return workspaceResult(
          "merge",
          await w.merge(
            r.session,
            { ...(r.mode ? { mode: r.mode } : {}), commit: r.commit, confirm: r.confirm },
            actor,
          ),
        );
      case "pr":
        return workspaceResult(
          "pr",
          await w.pr(r.session, { ...(r.title ? { title: r.title } : {}), commit: r.commit }, actor),
        );
      case "clean":
        return workspaceResult("clean", await w.killClean(r.session, r.confirm, actor));
    }
  } catch (e) {
    // The one place a thrown refusal (status of an unknown session, a host that does not answer) becomes a Result.
    if (e instanceof WingmanError)
      return { op: r.op, ok: false, error: e.code, facts: e.facts ?? { why: "error", text: errorMessage(e) } };
    throw e;
  }
}

function workspaceResult(verb: WorkspaceVerb, o: WorkspaceOutcome): Result {
  if (o.ok) return { op: "workspace", verb, ok: true, outcome: o };
  return { op: "workspace", verb, ok: false, error: o.error, facts: o.facts };
}

/** Exit code of a result for the CLI: 2 for a usage error, 1 for any other refusal or failure. */
export function exitCodeOf(r: Result): number {
  if (r.ok) return 0;
  return r.error === "usage" ? 2 : 1;
}
