// Looking at a session's screen and ending a session.
import { errorMessage, refusal } from "../../api/errors.js";
import { done, type KillOutcome, type OutputOutcome, refusedWith } from "../../api/outcomes.js";
import { redactSecrets } from "../../api/redact.js";
import type { Actor } from "../../api/types.js";
import { ownerRule } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { sessionName } from "./checks.js";

export async function outputOf(core: Core, session: string, lines = 40): Promise<OutputOutcome> {
  const name = sessionName(session);
  if (!Number.isInteger(lines) || lines < 1 || lines > 2000)
    return refusedWith("usage", { why: "bad_lines", min: 1, max: 2000 });
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return refusedWith("not_found", { why: "no_session", session: name });
  const { panes } = core.fleet.forRecord(rec);
  const alive = await panes.hasSession(name);
  if (!alive) return refusedWith("refused", { why: "no_screen", session: name });
  const text = await panes.capture(name, { history: Math.max(lines * 3, 200) });
  // Redact the whole capture, then cut: a key whose BEGIN line is above the window is still a key.
  const cleaned = core.agentOf(rec).cleanScreen(redactSecrets(text), lines);
  return done("output", { session: name, text: cleaned });
}

/** Escape sequences tmux may keep in a capture with colours (SGR; OSC such as hyperlinks; two-byte ones). */
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;

/**
 * The visible screen with its colours (SGR escapes kept) for the web page. Redaction runs on the plain text
 * of the whole screen; a line it changed is given as its redacted plain text (no colours), and when a secret
 * spanned lines (the line count changed) the whole screen is given as redacted plain text.
 */
export async function screenOf(core: Core, session: string): Promise<OutputOutcome> {
  const name = sessionName(session);
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return refusedWith("not_found", { why: "no_session", session: name });
  const { panes } = core.fleet.forRecord(rec);
  if (!(await panes.hasSession(name))) return refusedWith("refused", { why: "no_screen", session: name });
  const raw = (await panes.capture(name, { escapes: true })).replace(/\n+$/, "");
  const plain = raw.replace(ESCAPES, "");
  const redacted = redactSecrets(plain);
  const [rawLines, plainLines, redLines] = [raw.split("\n"), plain.split("\n"), redacted.split("\n")];
  const text =
    redLines.length === plainLines.length
      ? rawLines.map((l, i) => (redLines[i] === plainLines[i] ? l : redLines[i]!)).join("\n")
      : redacted;
  return done("output", { session: name, text });
}

export async function killSession(core: Core, session: string, actor: Actor): Promise<KillOutcome> {
  const no = ownerRule(actor, "kill sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(session);
  // An adopted pane is the person's: never killed, only let go of (release).
  const known = (await core.registry.read()).sessions[name];
  if (known?.adopted)
    return refusedWith("refused", { why: "adopted", session: name, op: "kill", target: known.adopted.target });
  // The pane is killed inside the locked registry update: a registry that cannot be locked or read stops
  // it before anything is killed; one that cannot be written afterwards is reported as such.
  const now = new Date().toISOString();
  let step = "registry" as "registry" | "pane" | "killed" | "unknown";
  let host = core.fleet.local;
  try {
    await core.registry.update(async (d) => {
      const r = d.sessions[name];
      if (r?.adopted) throw refusal("refused", { why: "adopted", session: name, op: "kill", target: r.adopted.target });
      step = "pane";
      host = core.fleet.get(r?.host);
      const killed = await host.panes.killSession(name);
      if (killed) step = "killed";
      if (!r && !killed) {
        step = "unknown";
        return;
      }
      if (!r) return;
      r.endedAt ??= now;
      r.endReason = `killed by ${actor.id}`;
      r.lastState = "exited";
      r.pending = null;
      delete r.queue; // nothing is typed into a session that was killed (queue.ts)
    });
  } catch (e) {
    if (step === "killed" || step === "registry")
      return refusedWith("failed", {
        why: "not_recorded",
        session: name,
        killed: step === "killed",
        problem: errorMessage(e),
      });
    throw e;
  }
  if (step === "unknown") return refusedWith("not_found", { why: "no_session", session: name });
  await host.files.removeSignals(name);
  await core.journal.history({ session: name, event: "killed", by: actor.id });
  return done("killed", { session: name });
}
