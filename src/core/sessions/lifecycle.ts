// Looking at a session's screen and ending a session.
import { errorMessage, notFound, refused, usage, WingmanError } from "../../api/errors.js";
import { redactSecrets } from "../../api/redact.js";
import type { Actor, Outcome } from "../../api/types.js";
import { mayAct } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { sessionName } from "./checks.js";

export async function outputOf(core: Core, session: string, lines = 40): Promise<Outcome<string>> {
  const name = sessionName(session);
  if (!Number.isInteger(lines) || lines < 1 || lines > 2000) throw usage("LINES must be a whole number from 1 to 2000");
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
  const { panes } = core.fleet.get(rec.host);
  const alive = await panes.hasSession(name);
  if (!alive) throw refused(`${name} has no screen any more (it exited); \`wingman history\` shows what happened`);
  const text = await panes.capture(name, { history: Math.max(lines * 3, 200) });
  // Redact the whole capture, then cut: a key whose BEGIN line is above the window is still a key.
  const cleaned = core.agentOf(rec).cleanScreen(redactSecrets(text), lines);
  return { ok: true, message: cleaned, data: cleaned };
}

/** Escape sequences tmux may keep in a capture with colours (SGR; OSC such as hyperlinks; two-byte ones). */
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;

/**
 * The visible screen with its colours (SGR escapes kept) for the web page. Redaction runs on the plain text
 * of the whole screen; a line it changed is given as its redacted plain text (no colours), and when a secret
 * spanned lines (the line count changed) the whole screen is given as redacted plain text.
 */
export async function screenOf(core: Core, session: string): Promise<Outcome<string>> {
  const name = sessionName(session);
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
  const { panes } = core.fleet.get(rec.host);
  if (!(await panes.hasSession(name))) throw refused(`${name} has no screen any more (it exited); \`wingman history\` shows what happened`);
  const raw = (await panes.capture(name, { escapes: true })).replace(/\n+$/, "");
  const plain = raw.replace(ESCAPES, "");
  const redacted = redactSecrets(plain);
  const [rawLines, plainLines, redLines] = [raw.split("\n"), plain.split("\n"), redacted.split("\n")];
  const text =
    redLines.length === plainLines.length ? rawLines.map((l, i) => (redLines[i] === plainLines[i] ? l : redLines[i]!)).join("\n") : redacted;
  return { ok: true, message: text, data: text };
}

export async function killSession(core: Core, session: string, actor: Actor): Promise<Outcome> {
  mayAct(actor, "kill sessions");
  const name = sessionName(session);
  // The pane is killed inside the locked registry update: a registry that cannot be locked or read stops
  // it before anything is killed; one that cannot be written afterwards is reported as such.
  const now = new Date().toISOString();
  let step = "registry" as "registry" | "pane" | "killed";
  let host = core.fleet.local;
  try {
    await core.registry.update(async (d) => {
      const r = d.sessions[name];
      step = "pane";
      host = core.fleet.get(r?.host);
      const killed = await host.panes.killSession(name);
      if (killed) step = "killed";
      if (!r && !killed) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
      if (!r) return;
      r.endedAt ??= now;
      r.endReason = `killed by ${actor.id}`;
      r.lastState = "exited";
      r.pending = null;
    });
  } catch (e) {
    if (step === "killed") throw new WingmanError("failed", `killed the tmux session ${name} but could not record it: ${errorMessage(e)}`);
    if (step === "registry") throw new WingmanError("failed", `${name} not killed: the registry could not be updated: ${errorMessage(e)}`);
    throw e;
  }
  await host.files.removeSignals(name);
  await core.journal.history({ session: name, event: "killed", by: actor.id });
  return { ok: true, message: `⏹ ${name} killed` };
}
