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

/** How a session that had exited before a kill ended (kept as it was). */
type Ended = { reason: string | null; endedAt: string | null; worktree: boolean };

export async function killSession(core: Core, session: string, actor: Actor): Promise<KillOutcome> {
  const no = ownerRule(actor, "kill sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(session);
  // An adopted pane is the person's: never killed, only let go of (release).
  const before = (await core.registry.read()).sessions[name];
  if (before?.adopted)
    return refusedWith("refused", { why: "adopted", session: name, op: "kill", target: before.adopted.target });
  // A session whose agent has already ended (its pane dead or gone) but is not recorded so yet is read first,
  // so that it is seen as exited with its own reason (its exit status…), which a kill must not overwrite. A
  // live one costs one pane list here, and no registry lock.
  if (before && before.lastState !== "exited") {
    const panes = await core.fleet
      .get(before.host)
      .panes.listPanes()
      .catch(() => null);
    const pane = panes?.find((p) => p.session === name);
    if (panes && (!pane || pane.dead)) await core.refresh(name).catch(() => []);
  }
  // The pane is killed inside the locked registry update: a registry that cannot be locked or read stops
  // it before anything is killed; one that cannot be written afterwards is reported as such.
  const now = new Date().toISOString();
  let step = "registry" as "registry" | "pane" | "killed" | "unknown";
  let ended = null as Ended | null;
  let host = core.fleet.local;
  try {
    await core.registry.update(async (d) => {
      const r = d.sessions[name];
      if (r?.adopted) throw refusal("refused", { why: "adopted", session: name, op: "kill", target: r.adopted.target });
      step = "pane";
      host = core.fleet.get(r?.host);
      if (r?.lastState === "exited") {
        // Nothing runs: a dead pane left on screen goes, the record keeps how the session ended.
        await host.panes.killSession(name);
        delete r.queue; // kill drops the queue, as for a live session
        ended = {
          reason: r.stateReason ?? r.endReason ?? null,
          endedAt: r.endedAt ?? null,
          worktree: !!r.worktree,
        };
        return;
      }
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
  const was = ended as Ended | null; // set inside the update's callback, which TypeScript does not follow
  if (was) return done("already_exited", { session: name, ...was });
  await core.journal.history({ session: name, event: "killed", by: actor.id });
  return done("killed", { session: name });
}
