// The assistant's tools: typed TypeBox schemas (string enums, no unions), results as text plus details.
// They call the same core API as every other front door. Answers from the assistant must name the
// prompt id: the model never answers "whatever is pending" (SKILL.md tells it to pass the id through).
import { type TSchema, Type } from "@sinclair/typebox";
import type { Actor } from "../core/types.js";
import type { Wingman } from "../core/wingman.js";
import { formatDashboard } from "../format/dashboard.js";
import { formatDetail } from "../format/detail.js";
import type { HostTool, ToolResult } from "./api-types.js";

const stringEnum = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: "string", enum: [...values], description });

export const TOOL_NAMES = ["wingman_spawn", "wingman_send", "wingman_status", "wingman_respond", "wingman_output", "wingman_kill"] as const;

const text = (t: string, details: unknown = {}): ToolResult => ({ content: [{ type: "text", text: t }], details });

function tool(name: string, description: string, parameters: TSchema, run: (p: Record<string, unknown>) => Promise<ToolResult>): HostTool {
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

export function buildTools(w: Wingman, actor: () => Actor): HostTool[] {
  const session = Type.String({ description: "Session name: lowercase letters, digits and '-', e.g. vsr-fix." });
  return [
    tool(
      "wingman_spawn",
      "Start a Claude Code session in a project folder (or send a prompt to it if it already runs there). Use when the user asks to start coding work.",
      Type.Object({ session, workdir: Type.String({ description: "Project folder, absolute or ~/…" }), prompt: Type.Optional(Type.String({ description: "The task for Claude Code." })) }),
      async (p) => {
        const r = await w.spawn({ session: String(p.session), workdir: String(p.workdir), prompt: p.prompt === undefined ? undefined : String(p.prompt) }, actor());
        return text(r.message, r);
      },
    ),
    tool(
      "wingman_send",
      "Send a follow-up prompt to a running session (only when it is idle; force:true queues it while it works). Use for 'tell <session> …'.",
      Type.Object({ session, text: Type.String({ description: "What to tell Claude Code, verbatim." }), force: Type.Optional(Type.Boolean()) }),
      async (p) => {
        const r = await w.send(String(p.session), String(p.text), { force: p.force === true }, actor());
        return text(r.message, r);
      },
    ),
    tool(
      "wingman_status",
      "Show the dashboard of all sessions, or one session in detail (state, task, test progress, pending prompt with its id). Use for 'status', 'how is X going'.",
      Type.Object({ session: Type.Optional(session) }),
      async (p) => {
        const now = new Date();
        const views = await w.status(p.session === undefined ? undefined : String(p.session)).catch((e: Error) => e);
        if (views instanceof Error) return text(`✗ ${views.message}`, { error: views.message });
        await w.markShown(actor(), views.filter((v) => v.pending).map((v) => ({ session: v.name, id: v.pending!.id })));
        const out = p.session ? formatDetail(views[0]!, { now, style: "chat" }) : formatDashboard(views, { style: "chat", now });
        return text(out, { sessions: views });
      },
    ),
    tool(
      "wingman_respond",
      "Answer a pending prompt exactly as the user said, with the prompt id the user gave or was shown: approve, always, deny (with reason), trust, or answer (choices or text). Never answer on the user's behalf.",
      Type.Object({
        session,
        action: stringEnum(["approve", "always", "deny", "trust", "answer"] as const, "What the user said."),
        id: Type.Optional(Type.String({ description: "The 4-character prompt id, e.g. 7f3k (required except for trust)." })),
        reason: Type.Optional(Type.String({ description: "deny: what Claude should do instead." })),
        choices: Type.Optional(Type.Array(Type.String(), { description: "answer: option numbers or labels." })),
        text: Type.Optional(Type.String({ description: "answer: free text." })),
        confirm: Type.Optional(Type.Boolean({ description: "approve of a high-risk prompt: only if the user said confirm." })),
      }),
      async (p) => {
        const action = String(p.action) as "approve" | "always" | "deny" | "trust" | "answer";
        if (action !== "trust" && !p.id) return text("✗ the prompt id is required: ask the user which prompt (see wingman_status)", { refused: true });
        const choices = Array.isArray(p.choices) ? p.choices.map(String) : undefined;
        const r = await w.respond(
          {
            session: String(p.session),
            action,
            id: p.id === undefined ? undefined : String(p.id),
            reason: p.reason === undefined ? undefined : String(p.reason),
            choices,
            text: p.text === undefined ? choices?.join(" ") : String(p.text),
            confirm: p.confirm === true,
          },
          actor(),
        );
        return text(r.message, r);
      },
    ),
    tool(
      "wingman_output",
      "The last lines of a session's screen, cleaned and with secrets redacted. Use when the user wants to see what Claude Code printed.",
      Type.Object({ session, lines: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
      async (p) => {
        const r = await w.output(String(p.session), typeof p.lines === "number" ? p.lines : 30);
        return text(r.ok ? r.message : `✗ ${r.message}`, r);
      },
    ),
    tool(
      "wingman_kill",
      "End a session (its record stays as exited). Only when the user explicitly asks to kill or stop a session.",
      Type.Object({ session }),
      async (p) => {
        const r = await w.kill(String(p.session), actor());
        return text(r.message, r);
      },
    ),
  ];
}
