// Claude Code's hooks as Wingman's primary, immediate signal. The shipped sh script writes one file
// per event into the session's events dir; here they are registered (through a settings file passed
// with --settings, never the user's own settings) and folded into HookState.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SignalEffects, SignalFile } from "../agent.js";
import type { HookState } from "./state.js";

/** The events Wingman observes (docs/claude-code.md, "Hooks"). */
export const OBSERVED_EVENTS = [
  "SessionStart",
  "UserPromptSubmit",
  "PreToolUse",
  "PermissionRequest",
  "PostToolUse",
  "PostToolUseFailure",
  "Notification",
  "Stop",
  "StopFailure",
  "SessionEnd",
] as const;

/** The hook script shipped in the package (hooks/wingman-hook.sh), found from src/ or dist/. */
export function hookScriptPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "hooks", "wingman-hook.sh");
    if (existsSync(candidate)) return resolve(candidate);
    dir = dirname(dir);
  }
  throw new Error("hooks/wingman-hook.sh is missing from the Wingman package");
}

/** Single-quote for sh: the ONE shell string Wingman builds, fixed text naming a shipped script. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function hookSettings(scriptPath: string): object {
  const command = `/bin/sh ${shQuote(scriptPath)}`;
  const entry = [{ matcher: "*", hooks: [{ type: "command", command, timeout: 10 }] }];
  return { hooks: Object.fromEntries(OBSERVED_EVENTS.map((e) => [e, entry])) };
}

/**
 * The --settings file Wingman passes to every session (same content every time), and the hook script it
 * names: a copy of the shipped one in the agents' folder of the machine the session runs on (this one, or
 * another over SSH), so the hook runs where the agent runs, and an upgrade of the package never leaves a
 * running session pointing at a file that moved.
 */
export function hookFiles(agentDir: string): Array<{ path: string; content: string }> {
  const script = join(agentDir, "claude-hook.sh");
  return [
    { path: script, content: readFileSync(hookScriptPath(), "utf8") },
    { path: hookSettingsPath(agentDir), content: `${JSON.stringify(hookSettings(script), null, 2)}\n` },
  ];
}

export function hookSettingsPath(agentDir: string): string {
  return join(agentDir, "claude-hook-settings.json");
}

/** One hook event as the hook script wrote it: `{ wingman_session, received_ns, event }`. */
export interface HookEvent {
  file: string;
  at: string;
  name: string;
  raw: Record<string, unknown>;
}

export function hookEventOf(s: SignalFile): HookEvent {
  const body = s.body && typeof s.body === "object" ? (s.body as { event?: unknown }) : {};
  const raw =
    body.event && typeof body.event === "object" && !Array.isArray(body.event)
      ? (body.event as Record<string, unknown>)
      : {};
  return { file: s.file, at: s.at, name: String(raw.hook_event_name ?? ""), raw };
}

export interface FoldSideEffects extends SignalEffects {
  transcriptPath?: string;
  prompts: string[];
}

/** Fold events into the hook state (pure apart from the returned side effects). */
export function foldEvents(state: HookState, events: HookEvent[]): FoldSideEffects {
  const fx: FoldSideEffects = { prompts: [], toolOutputs: [] };
  for (const ev of events) {
    const r = ev.raw;
    state.cursor = ev.file;
    state.lastEventAt = ev.at;
    if (typeof r.session_id === "string") fx.agentSessionId = r.session_id;
    if (typeof r.transcript_path === "string") fx.transcriptPath = r.transcript_path;
    switch (ev.name) {
      case "SessionStart":
        state.turn = "idle";
        state.turnAt = ev.at;
        state.permission = null;
        break;
      case "UserPromptSubmit":
        state.turn = "working";
        state.turnAt = ev.at;
        // A new prompt means any earlier dialog was answered or dismissed.
        state.permission = null;
        state.runningTool = null;
        if (typeof r.prompt === "string") fx.prompts.push(r.prompt);
        break;
      case "PreToolUse":
        state.runningTool = { tool: String(r.tool_name ?? ""), input: objectOf(r.tool_input), at: ev.at };
        break;
      case "PermissionRequest":
        state.permissionSeq = (state.permissionSeq ?? 0) + 1;
        state.permission = {
          tool: String(r.tool_name ?? ""),
          input: objectOf(r.tool_input),
          at: ev.at,
          seq: state.permissionSeq,
        };
        break;
      case "PostToolUse":
      case "PostToolUseFailure": {
        state.permission = null;
        state.runningTool = null;
        const out = toolOutputText(r);
        if (out) fx.toolOutputs.push(out);
        break;
      }
      case "Stop":
        state.turn = "idle";
        state.turnAt = ev.at;
        state.permission = null;
        state.runningTool = null;
        state.errorKind = undefined;
        if (typeof r.last_assistant_message === "string") fx.lastMessage = r.last_assistant_message;
        break;
      case "StopFailure":
        state.turn = "error";
        state.turnAt = ev.at;
        state.permission = null;
        state.runningTool = null;
        state.errorKind = typeof r.error === "string" ? r.error : "unknown";
        if (typeof r.last_assistant_message === "string") fx.lastMessage = r.last_assistant_message;
        break;
      case "SessionEnd":
        state.turn = "exited";
        state.turnAt = ev.at;
        state.permission = null;
        state.sessionEndReason = typeof r.reason === "string" ? r.reason : "ended";
        break;
      case "Notification":
        state.lastNotification = { type: String(r.notification_type ?? ""), at: ev.at };
        break;
    }
  }
  return fx;
}

function objectOf(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function toolOutputText(r: Record<string, unknown>): string {
  const resp = r.tool_response as unknown;
  if (typeof resp === "string") return resp;
  if (resp && typeof resp === "object") {
    const o = resp as Record<string, unknown>;
    return [o.stdout, o.stderr, o.output, o.content].filter((x) => typeof x === "string").join("\n");
  }
  if (typeof r.error === "string") return r.error;
  return "";
}

/** Map StopFailure's `error` to the contract's error reasons. */
export function errorReasonOf(kind: string | undefined): string {
  switch (kind) {
    case "authentication_failed":
      return "auth";
    case "rate_limit":
      return "rate_limit";
    case "server_error":
      return "server";
    default:
      return "other";
  }
}

/** One line naming what a tool call does, e.g. `Bash(rm -rf build)` or `Write(src/a.ts)`. */
export function describeToolInput(tool: string, input: Record<string, unknown>): string {
  const s = (k: string) => (typeof input[k] === "string" ? (input[k] as string) : undefined);
  return s("command") ?? s("file_path") ?? s("url") ?? s("path") ?? s("pattern") ?? (tool ? "" : "");
}
