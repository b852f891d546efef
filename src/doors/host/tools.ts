// Longer than 300 lines: each assistant tool's TypeBox schema sits beside its handler, so what the model may pass and
// what is done with it are read together.
// The assistant's tools: typed TypeBox schemas (string enums, no unions), results as text plus details.
// They call the same core API as every other front door. Answers from the assistant must name the
// prompt id: the model never answers "whatever is pending" (SKILL.md tells it to pass the id through).
//
// Who is asking: the hosts build the tools per assistant run from a context (registered as a factory in
// index.ts). The acting tools (spawn, send, respond, kill) run only for a sender the host names and Wingman
// knows as an owner (config toolAccess "owner", the default); "read-only" refuses them always; "any" is the
// explicit opt-out. status and output answer whoever the host lets talk to the assistant. A high-risk approve
// is never done by a tool, whoever asks: it takes `/wm approve NAME ID confirm` or the CLI.
import { type TSchema, Type } from "@sinclair/typebox";
import { AGENTS, agentByWord, agentChoices } from "../../agents/index.js";
import type { ToolAccess, WingmanConfig } from "../../config.js";
import type { WingmanErrorCode } from "../../api/errors.js";
import type { Actor, RespondAction } from "../../api/types.js";
import type { Wingman } from "../../core/wingman.js";
import { replyText } from "../phrases/replies.js";
import { perform, type Result } from "../phrases/requests.js";
import type { HostConfig, HostLogger, HostTool, ToolContext, ToolResult } from "./api-types.js";
import { actorFor, isOwner } from "./owners.js";

const stringEnum = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: "string", enum: [...values], description });

export const TOOL_NAMES = [
  "wingman_spawn",
  "wingman_send",
  "wingman_status",
  "wingman_respond",
  "wingman_output",
  "wingman_kill",
  "wingman_resume",
  "wingman_changes",
  "wingman_queue",
  "wingman_usage",
] as const;

/** Who is asking, as the tool door sees it. */
export interface ToolCaller {
  /** The sender as the same owner check as `/wm` makes them (authorized = an owner, and the host agrees where it says). */
  actor: Actor;
  /** The host named the sender (OpenClaw's requesterSenderId). clawdbot 2026.1.24 never does. */
  known: boolean;
  /** The host's own owner bit for this sender, where it gives one (OpenClaw's senderIsOwner). */
  hostOwner?: boolean;
  /** Set when the host's own owner bit said no while Wingman's owner list says yes. */
  hostSaysNo?: boolean;
}

export interface ToolDoor {
  /** Read when a tool runs (OpenClaw's senderIsOwner is a live getter on its context). */
  caller: () => ToolCaller;
  access: ToolAccess;
  log?: HostLogger;
}

/** The caller from a host's tool-factory context (see ToolContext in api-types.ts for each host's fields). */
export function toolCallerFor(
  ctx: ToolContext | undefined,
  host: HostConfig | undefined,
  config: WingmanConfig,
): ToolCaller {
  const sender =
    typeof ctx?.requesterSenderId === "string" && ctx.requesterSenderId.trim()
      ? ctx.requesterSenderId.trim()
      : undefined;
  const channel = typeof ctx?.messageChannel === "string" ? ctx.messageChannel : undefined;
  const ownerBit = typeof ctx?.senderIsOwner === "boolean" ? ctx.senderIsOwner : undefined;
  const actor = actorFor({ senderId: sender, channel, hostAuthorized: ownerBit }, host, config);
  if (!sender) return { actor: { ...actor, authorized: false }, known: false, hostOwner: ownerBit };
  return {
    actor,
    known: true,
    hostOwner: ownerBit,
    hostSaysNo: ownerBit === false && isOwner(sender, channel, host, config),
  };
}

/** The actor of acting tools under toolAccess "any" when the caller is not a known owner (as before factories). */
const ASSISTANT: Actor = { id: "assistant", channel: "assistant", authorized: true };

const text = (t: string, details: unknown = {}): ToolResult => ({ content: [{ type: "text", text: t }], details });

/** A refusal the tool door makes itself, in its own words (`✗ …`), and `details.error.code` for programs. */
function refusal(code: WingmanErrorCode, message: string, extra: Record<string, unknown> = {}): ToolResult {
  return text(message, { ok: false, ...extra, error: { code, message } });
}

/** A core result as the tool gives it back: the same reply text as chat, and details (code, facts) for programs. */
export function fromResult(r: Result, details: Record<string, unknown> = {}): ToolResult {
  const words = replyText(r, { style: "chat" });
  if (!r.ok) return text(words, { ok: false, error: { code: r.error, message: words }, facts: r.facts });
  const extra =
    r.op === "act"
      ? { message: words, code: r.outcome.code, facts: r.outcome.facts }
      : r.op === "workspace"
        ? { code: r.outcome.code, facts: r.outcome.facts }
        : {};
  return text(words, { ok: true, ...extra, ...details });
}

/** A value the model passed, on one line and short, for a `/wm …` suggestion. */
function short(v: unknown, max = 80): string {
  const s = String(v ?? "")
    .replace(/\s+/g, " ")
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function tool(
  name: string,
  description: string,
  parameters: TSchema,
  run: (p: Record<string, unknown>) => Promise<ToolResult>,
): HostTool {
  return {
    name,
    label: name,
    description,
    parameters,
    async execute(_id, params, signal) {
      if (signal?.aborted) return text("Cancelled before it started.", { cancelled: true });
      return run(params ?? {});
    },
  };
}

export function buildTools(w: Wingman, door: ToolDoor): HostTool[] {
  /**
   * The door of every acting tool: the actor to act as, or the refusal. `what` is the deed in words
   * ("approve", "start sessions"), `slash` the `/wm …` phrase that does it by hand.
   */
  const actingAs = (tool: string, what: string, slash: string): Actor | ToolResult => {
    const c = door.caller();
    const no = (message: string) => {
      door.log?.warn(`${tool} refused for ${c.actor.id} (toolAccess ${door.access})`);
      return refusal("not_owner", message, {
        actor: c.actor.id,
        ...(c.hostOwner === undefined ? {} : { hostOwner: c.hostOwner }),
      });
    };
    if (door.access === "read-only")
      return no(`✗ the assistant may not ${what} here (Wingman's toolAccess is read-only): send \`${slash}\` yourself`);
    if (door.access === "any") return c.actor.authorized ? c.actor : ASSISTANT;
    if (!c.known) return no(`✗ I can't tell who is asking, so I won't ${what} from here: send \`${slash}\` yourself`);
    if (c.hostSaysNo) {
      return no(
        `✗ the host does not count ${c.actor.id} as an owner here, so I won't ${what} from here: send \`${slash}\` yourself (OpenClaw lists owners for the assistant in commands.ownerAllowFrom)`,
      );
    }
    if (!c.actor.authorized)
      return no(`✗ only an owner can ${what}, and ${c.actor.id} is not one; an owner can send \`${slash}\``);
    return c.actor;
  };
  const refused = (x: Actor | ToolResult): x is ToolResult => "content" in x;

  const session = Type.String({ description: "Session name: lowercase letters, digits and '-', e.g. vsr-fix." });
  return [
    tool(
      "wingman_spawn",
      `Start a coding-agent session (${AGENTS.map((a) => a.label).join(" or ")}; ${AGENTS[0]?.label} unless the user names another) in a project folder (or send a prompt to it if it already runs there). Use when the user asks to start coding work. Only for the owner.`,
      Type.Object({
        session,
        workdir: Type.String({ description: "Project folder, absolute or ~/…" }),
        prompt: Type.Optional(Type.String({ description: "The task for the agent." })),
        agent: Type.Optional(
          Type.String({ description: `${agentChoices({ by: "id" })}; only when the user names one.` }),
        ),
        host: Type.Optional(
          Type.String({
            description:
              "A machine from Wingman's configured hosts (`/wm hosts` lists them); only when the user names one.",
          }),
        ),
        worktree: Type.Optional(
          Type.Boolean({
            description:
              "In a git repository the session gets its own worktree and branch by default; false works in the folder itself. Only when the user says so.",
          }),
        ),
        base: Type.Optional(
          Type.String({
            description: "The branch or commit the session's branch starts from (default: the checked-out branch).",
          }),
        ),
        branch: Type.Optional(Type.String({ description: "The session's branch name (default wingman/<session>)." })),
      }),
      async (p) => {
        const agentWord = p.agent === undefined ? "" : `${short(p.agent)} `;
        const hostPart = p.host === undefined ? "" : `${short(p.host)}:`;
        const actor = actingAs(
          "wingman_spawn",
          "start sessions",
          `/wm spawn ${agentWord}${hostPart}${short(p.session)} ${short(p.workdir)}${p.prompt ? ` ${short(p.prompt)}` : ""}`,
        );
        if (refused(actor)) return actor;
        const agent = p.agent === undefined ? {} : { agent: agentByWord(String(p.agent))?.id ?? String(p.agent) };
        const git = {
          ...(typeof p.worktree === "boolean" ? { worktree: p.worktree } : {}),
          ...(p.base === undefined ? {} : { base: String(p.base) }),
          ...(p.branch === undefined ? {} : { branch: String(p.branch) }),
        };
        return fromResult(
          await perform(
            w,
            {
              op: "spawn",
              req: {
                session: String(p.session),
                workdir: String(p.workdir),
                prompt: p.prompt === undefined ? undefined : String(p.prompt),
                ...agent,
                ...(p.host === undefined ? {} : { host: String(p.host) }),
                ...git,
              },
            },
            actor,
          ),
        );
      },
    ),
    tool(
      "wingman_send",
      "Send a follow-up prompt to a running session: typed now when it is idle; while it works or asks, queued (at most 10) and typed when it is idle (the reply says its place). force:true types it now even while it works. Use for 'tell <session> …'. Only for the owner.",
      Type.Object({
        session,
        text: Type.String({ description: "What to tell Claude Code, verbatim." }),
        force: Type.Optional(Type.Boolean()),
      }),
      async (p) => {
        const actor = actingAs(
          "wingman_send",
          "send prompts to sessions",
          `/wm tell${p.force === true ? "!" : ""} ${short(p.session)} ${short(p.text)}`,
        );
        if (refused(actor)) return actor;
        return fromResult(
          await perform(
            w,
            { op: "send", session: String(p.session), text: String(p.text), force: p.force === true },
            actor,
          ),
        );
      },
    ),
    tool(
      "wingman_status",
      "Show the dashboard of all sessions, or one session in detail (state, task, test progress, pending prompt with its id). Use for 'status', 'how is X going'.",
      Type.Object({ session: Type.Optional(session) }),
      async (p) => {
        const r = await perform(
          w,
          { op: "status", session: p.session === undefined ? undefined : String(p.session) },
          door.caller().actor,
        );
        return fromResult(r, r.op === "status" && r.ok ? { sessions: r.views } : {});
      },
    ),
    tool(
      "wingman_respond",
      "Answer a pending prompt exactly as the user said, with the prompt id the user gave or was shown: approve, always, deny (with reason), trust, or answer (choices or text). Never answer on the user's behalf. Only for the owner; a high-risk prompt is never approved here: the user sends `/wm approve NAME ID confirm` themselves.",
      Type.Object({
        session,
        action: stringEnum(["approve", "always", "deny", "trust", "answer"] as const, "What the user said."),
        id: Type.Optional(
          Type.String({ description: "The 4-character prompt id, e.g. 7f3k (required except for trust)." }),
        ),
        reason: Type.Optional(Type.String({ description: "deny: what Claude should do instead." })),
        choices: Type.Optional(Type.Array(Type.String(), { description: "answer: option numbers or labels." })),
        text: Type.Optional(Type.String({ description: "answer: free text." })),
        confirm: Type.Optional(
          Type.Boolean({
            description:
              "Has no effect: a high-risk prompt is approved only by the user, with /wm approve NAME ID confirm or the CLI.",
          }),
        ),
      }),
      async (p) => {
        const action = String(p.action) as RespondAction;
        const name = short(p.session);
        const id = p.id === undefined ? undefined : String(p.id);
        const choices = Array.isArray(p.choices) ? p.choices.map(String) : undefined;
        const slash =
          action === "trust"
            ? `/wm trust ${name}`
            : action === "deny"
              ? `/wm deny ${name} ${short(id ?? "ID")}${p.reason ? ` ${short(p.reason)}` : ""}`
              : action === "answer"
                ? `/wm answer ${name} ${short(id ?? "ID")} ${choices?.length ? short(choices.join(",")) : short(p.text ?? "CHOICE")}`
                : `/wm ${action} ${name} ${short(id ?? "ID")}`;
        const actor = actingAs("wingman_respond", action === "always" ? "always allow" : action, slash);
        if (refused(actor)) return actor;
        if (action !== "trust" && !id)
          return refusal("usage", "✗ the prompt id is required: ask the user which prompt (see wingman_status)");
        if (action === "approve" || action === "always") {
          // The prompt this id names, if it is the one pending now (else the core refuses it as stale).
          const views = await w.status(String(p.session)).catch(() => null);
          const pending = views?.[0]?.pending;
          if (pending && pending.id === id && pending.risk === "high") {
            door.log?.warn(
              `wingman_respond: high-risk ${action} of ${name} ${id} refused at the tool door (${actor.id})`,
            );
            return fromResult({
              op: "respond",
              ok: false,
              error: "needs_confirm",
              facts: { why: "needs_confirm", session: String(p.session), pending, door: "tool" },
            });
          }
        }
        const req = {
          session: String(p.session),
          action,
          id,
          reason: p.reason === undefined ? undefined : String(p.reason),
          choices,
          text: p.text === undefined ? choices?.join(" ") : String(p.text),
          // Never from a tool: should the prompt turn out high risk after all, the core refuses it.
          confirm: false,
        };
        return fromResult(await perform(w, { op: "respond", req }, actor));
      },
    ),
    tool(
      "wingman_output",
      "The last lines of a session's screen, cleaned and with secrets redacted. Use when the user wants to see what Claude Code printed.",
      Type.Object({ session, lines: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
      async (p) =>
        fromResult(
          await perform(
            w,
            { op: "output", session: String(p.session), lines: typeof p.lines === "number" ? p.lines : 30 },
            door.caller().actor,
          ),
        ),
    ),
    tool(
      "wingman_kill",
      "End a session (its record stays as exited). Only when the user explicitly asks to kill or stop a session. Only for the owner.",
      Type.Object({ session }),
      async (p) => {
        const actor = actingAs("wingman_kill", "kill sessions", `/wm kill ${short(p.session)}`);
        if (refused(actor)) return actor;
        return fromResult(await perform(w, { op: "kill", session: String(p.session) }, actor));
      },
    ),
    tool(
      "wingman_changes",
      "What a session changed on its own branch (read-only): commits ahead/behind its base, files with lines added and removed, uncommitted files; with file, that file's patch (secrets redacted). Use for 'what did X change', 'show the diff'. Merging and pull requests are the user's own /wm merge and /wm pr.",
      Type.Object({
        session,
        file: Type.Optional(Type.String({ description: "One path exactly as listed by a previous call." })),
      }),
      async (p) =>
        fromResult(
          await perform(
            w,
            { op: "changes", session: String(p.session), ...(p.file === undefined ? {} : { file: String(p.file) }) },
            door.caller().actor,
          ),
        ),
    ),
    tool(
      "wingman_queue",
      "The follow-ups queued for a session (read-only), in the order they will be typed when it is idle. Use for 'what is queued for X'. Dropping them is the user's own /wm unqueue NAME.",
      Type.Object({ session }),
      async (p) => fromResult(await perform(w, { op: "queue", session: String(p.session) }, door.caller().actor)),
    ),
    tool(
      "wingman_usage",
      "What sessions cost (read-only), read from each agent's own record: today's money and tokens per session and per agent, the last 7 days, the budgets; with session, that one. Use for 'what did today cost', 'which session is burning money'. A follow-up held by a budget is released only by the user (/wm approve NAME ID).",
      Type.Object({ session: Type.Optional(session) }),
      async (p) => {
        const r = await perform(
          w,
          p.session === undefined ? { op: "usage" } : { op: "usage", session: String(p.session) },
          door.caller().actor,
        );
        return fromResult(r, r.op === "usage" && r.ok ? { report: r.report } : {});
      },
    ),
    tool(
      "wingman_resume",
      "Start an exited session's agent again on its own conversation (same name and folder), or every one that can be (all:true). Only when the user asks to resume or bring back sessions. Only for the owner.",
      Type.Object({
        session: Type.Optional(session),
        all: Type.Optional(Type.Boolean({ description: "Resume every exited session that has a conversation." })),
      }),
      async (p) => {
        const all = p.all === true;
        if (!all && p.session === undefined) return refusal("usage", "✗ name the session to resume, or pass all:true");
        const actor = actingAs(
          "wingman_resume",
          "resume sessions",
          all ? "/wm resume all" : `/wm resume ${short(p.session)}`,
        );
        if (refused(actor)) return actor;
        return fromResult(
          await perform(w, all ? { op: "resume", all: true } : { op: "resume", session: String(p.session) }, actor),
        );
      },
    ),
  ];
}
