// Wingman's OpenCode plugin as its signal program. OpenCode loads plugins named in its config; Wingman
// names this one (a fixed file it writes into its own folder, setupFiles) in OPENCODE_CONFIG_CONTENT at
// launch, so nothing is installed into the user's config. On a few events of OpenCode's bus it writes one
// file into the session's signals dir (found through the pane's environment, as Claude Code's hook script
// does): session created (its id, for resume), busy/idle (turn end), a permission asked and answered
// (announced before the dialog is drawn: fast notifications), and with the turn's end the assistant's last
// text. Signals are hints only; keys follow the screen.
import { join } from "node:path";
import type { SignalEffects, SignalFile } from "../agent.js";
import type { OpenCodeState } from "./state.js";

export const PLUGIN_SOURCE = `// Wingman's plugin for OpenCode: records a few bus events, one owner-only file each, in $WMHOOK_EVENTS
// (a temp name, then renamed, so a reader never sees half of one). It never throws and changes nothing.
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEEP = new Set(["session.created", "session.status", "session.idle", "session.error", "permission.asked", "permission.replied"]);

export const WingmanSignals = async () => {
  const dir = process.env.WMHOOK_EVENTS;
  const session = /^[a-z0-9-]+$/.test(process.env.WMHOOK_SESSION ?? "") ? process.env.WMHOOK_SESSION : "";
  let seq = 0;
  // The assistant's last text per session, kept in memory and written only with the turn's end.
  const roles = new Map();
  const last = new Map();
  return {
    event: async ({ event }) => {
      if (!dir || !event) return;
      try {
        const p = event.properties ?? {};
        if (event.type === "message.updated" && p.info?.id) {
          if (roles.size > 500) roles.clear();
          roles.set(p.info.id, p.info.role);
        }
        if (event.type === "message.part.updated" && p.part?.type === "text" && typeof p.part.text === "string") {
          if (roles.get(p.part.messageID) === "assistant") last.set(p.part.sessionID, p.part.text);
        }
        if (!KEEP.has(event.type)) return;
        // Ids, kinds and patterns; of the conversation only the reply's last text, at the turn's end.
        const body = {
          type: event.type,
          sessionID: typeof p.sessionID === "string" ? p.sessionID : p.info?.id,
          parentID: p.info?.parentID,
          status: p.status?.type,
          permission: p.permission,
          requestID: p.requestID ?? (event.type === "permission.asked" ? p.id : undefined),
          always: Array.isArray(p.always) ? p.always.filter((s) => typeof s === "string").slice(0, 20) : undefined,
          reply: p.reply,
          lastMessage: event.type === "session.idle" ? (last.get(p.sessionID) ?? "").slice(0, 4000) : undefined,
        };
        const name = String(BigInt(Date.now()) * 1000000n + BigInt(seq++ % 1000000)) + "-" + process.pid;
        const tmp = join(dir, "." + name + ".tmp");
        writeFileSync(tmp, JSON.stringify({ wingman_session: session, opencode: body }), { mode: 0o600 });
        renameSync(tmp, join(dir, name + ".json"));
      } catch {}
    },
  };
};
`;

export function pluginFile(agentDir: string): { path: string; content: string } {
  return { path: join(agentDir, "opencode-signals.js"), content: PLUGIN_SOURCE };
}

const str = (v: unknown) => (typeof v === "string" && v.length <= 200 ? v : undefined);

/** Fold the plugin's files into the state (pure apart from the returned effects). */
export function foldSignals(state: OpenCodeState, signals: SignalFile[]): SignalEffects {
  const fx: SignalEffects = { toolOutputs: [] };
  for (const s of signals) {
    state.cursor = s.file;
    const body = s.body && typeof s.body === "object" ? (s.body as { opencode?: unknown }).opencode : null;
    if (!body || typeof body !== "object") continue;
    const e = body as Record<string, unknown>;
    const sid = str(e.sessionID);
    // The latest session OpenCode created is the one on screen (`/new` makes another); a sub-agent's
    // session (it has a parent) is not one to resume, and its events are not this session's.
    if (e.type === "session.created" && sid && /^ses_[A-Za-z0-9]+$/.test(sid) && !str(e.parentID)) {
      state.sessionId = sid;
      fx.agentSessionId = sid;
      continue;
    }
    if (sid && state.sessionId && sid !== state.sessionId) continue;
    if (e.type === "session.status") state.busy = e.status === "busy";
    else if (e.type === "session.idle") {
      state.busy = false;
      state.turnEndedAt = s.at;
      delete state.always;
      const last = typeof e.lastMessage === "string" ? e.lastMessage : "";
      if (last) fx.lastMessage = last;
    } else if (e.type === "permission.asked") {
      state.asked = (state.asked ?? 0) + 1;
      const always = Array.isArray(e.always) ? e.always.filter((x): x is string => typeof x === "string") : [];
      if (always.length) state.always = always.slice(0, 20);
      else delete state.always;
    } else if (e.type === "permission.replied") delete state.always;
  }
  return fx;
}
