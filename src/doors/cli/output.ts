// What the CLI prints for a Result: text for people on stdout (refusals: one line on stderr), or with
// --json one JSON document on stdout. Every command that reports a result shares the shapes: `status`
// prints { sessions: [view…] }; spawn, send, the answers, kill and resume print { ok: true, message, code,
// facts, sessions: [view…] } (the same session views, read after the action); any refusal prints
// { ok: false, error: CODE, code: CODE, message, facts } (facts.why names the exact case). Exit: 0, 2 for
// a usage error, 1 for any other refusal. The words come from format/outcomes.ts; nothing here reads them.
import type { RefusalFacts } from "../../api/outcomes.js";
import type { SessionView } from "../../api/types.js";
import type { Wingman } from "../../core/wingman.js";
import { paintFor, wantsColor } from "../../format/color.js";
import { formatDashboard } from "../../format/dashboard.js";
import { formatDetail } from "../../format/detail.js";
import { formatAudit, formatHistory } from "../../format/journal.js";
import { replyText, workspaceText } from "../phrases/replies.js";
import { gitRefusalText } from "../../format/changes.js";
import { describeDone, describeRefusal, refusalText } from "../../format/outcomes.js";
import { printable, printableDeep, terminalJson } from "../../format/printable.js";
import { exitCodeOf, type Request, type Result } from "../phrases/requests.js";

export interface Out {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
}

export const processOut = (): Out => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** The first line of a message, for stderr. */
export const firstLine = (m: string) => m.split("\n")[0] ?? "";

/** A usage error or refusal the CLI itself finds (its arguments, its files), in its own words without a mark. */
export function printError(out: Out, error: string, message: string, json: boolean): number {
  if (json) out.stdout.write(`${terminalJson({ ok: false, error, message }, 2)}\n`);
  out.stderr.write(`wingman: ${firstLine(printable(message))}\n`);
  return error === "usage" ? 2 : 1;
}

/** A refusal from the core: its words (format/outcomes.ts) on stderr, and with --json its code and facts. */
export function printRefusal(out: Out, error: string, facts: RefusalFacts, json: boolean): number {
  if (json)
    out.stdout.write(`${terminalJson({ ok: false, error, code: error, message: describeRefusal(facts), facts }, 2)}\n`);
  out.stderr.write(`wingman: ${firstLine(printable(refusalText(facts)))}\n`);
  return error === "usage" ? 2 : 1;
}

/**
 * changes, merge, pr, kill … clean: with --json the outcome's code and facts (`changes --json` puts the
 * contract's fields at the top: branch, base, ahead, behind, files, uncommitted); a refusal adds them to
 * { ok: false, error, code, message } (facts.why names the case).
 */
function printWorkspace(r: Extract<Result, { op: "workspace" }>, json: boolean, out: Out): number {
  // File names and patches are a repository's bytes: printable only (format/printable.ts), JSON escaped for a terminal.
  if (!r.ok) {
    // The words without a mark (format/changes.ts), as every CLI refusal.
    const text = printable(gitRefusalText(r.verb, r.facts, "wingman "));
    if (json)
      out.stdout.write(
        `${terminalJson({ ok: false, error: r.error, code: r.error, message: text, facts: r.facts }, 2)}\n`,
      );
    out.stderr.write(`wingman: ${firstLine(text)}\n`);
    for (const more of text.split("\n").slice(1)) out.stderr.write(`${more}\n`);
    return r.error === "usage" ? 2 : 1;
  }
  const text = printable(workspaceText(r, "terminal", "wingman "));
  const o = r.outcome;
  out.stdout.write(`${json ? terminalJson({ ok: true, code: o.code, ...o.facts, facts: o.facts }, 2) : text}\n`);
  return 0;
}

/** Sessions a request acted on, read again after it (so the JSON shows what status would). */
async function viewsAfter(w: Wingman, req: Request, r: Result): Promise<SessionView[]> {
  if (req.op === "resume" && "all" in req && r.ok && r.op === "act" && r.outcome.code === "resumed_all")
    return r.outcome.facts.views;
  const name =
    req.op === "spawn" || req.op === "respond" ? req.req.session : "session" in req ? req.session : undefined;
  if (!name) return [];
  return w.status(name).catch(() => []);
}

/**
 * The text for people of a status result in this terminal (colour, width, local times, CLI hints). The views'
 * texts are made printable before Wingman adds its own colour, so the only escapes printed are Wingman's SGR.
 */
export function statusText(shown: SessionView[], one: boolean, out: Out, now = new Date()): string {
  const views = shown.map((v) => printableDeep(v));
  const color = wantsColor(out.stdout, out.env);
  if (one && views[0]) return formatDetail(views[0], { now, style: "terminal", prefix: "wingman " });
  return formatDashboard(views, {
    style: "terminal",
    now,
    paint: paintFor(color),
    prefix: "wingman ",
    ...(out.stdout.isTTY && out.stdout.columns ? { width: out.stdout.columns } : {}),
  });
}

export async function printResult(w: Wingman, req: Request, r: Result, json: boolean, out: Out): Promise<number> {
  if (r.op === "workspace") return printWorkspace(r, json, out);
  if (!r.ok) return printRefusal(out, r.error, r.facts, json);
  if (json) {
    let body: unknown;
    switch (r.op) {
      case "status":
        body = { sessions: r.views };
        break;
      case "history":
        body = { entries: r.entries, sessions: r.sessions };
        break;
      case "audit":
        body = r.entries;
        break;
      case "hosts":
        body = { hosts: r.hosts };
        break;
      case "usage":
        body = r.report;
        break;
      case "output":
        body = { ok: true, session: req.op === "output" ? req.session : undefined, text: r.text };
        break;
      case "help":
        body = { ok: true, topic: r.topic };
        break;
      case "act":
        body = {
          ok: true,
          message: describeDone(r.outcome),
          code: r.outcome.code,
          facts: r.outcome.facts,
          sessions: await viewsAfter(w, req, r),
        };
        break;
    }
    out.stdout.write(`${terminalJson(body, 2)}\n`);
    return exitCodeOf(r);
  }
  let text: string;
  if (r.op === "status") text = statusText(r.views, r.one, out);
  else if (r.op === "history") text = printable(formatHistory(r.sessions, "terminal"));
  else if (r.op === "audit") text = printable(formatAudit(r.entries, "terminal"));
  else text = replyText(r, { style: "terminal", prefix: "wingman " });
  out.stdout.write(`${text}\n`);
  return 0;
}
