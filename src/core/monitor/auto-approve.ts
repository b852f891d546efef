// The optional auto-approver: a low- or normal-risk tool prompt matching a configured rule is approved on
// the person's behalf, by id, through the same verified path as a person's answer. Never a high-risk one,
// never a shell command under a rule without a pattern, never an operator the pattern does not spell out.
import { agentById } from "../../agents/index.js";
import type { Logger } from "../../api/notify.js";
import type { SessionView } from "../../api/types.js";
import type { AutoApproveRuleT } from "../../config.js";
import type { MonitorCore } from "./core.js";

/**
 * The optional auto-approver: a low- or normal-risk tool prompt matching a configured rule is approved
 * on the person's behalf (by id, through the same verified path as a person's answer). Never a high-risk
 * one. Every decision is in the audit log and history, and counted in the session's status.
 */
export async function autoApprove(
  w: MonitorCore,
  v: SessionView,
  rules: AutoApproveRuleT[],
  log: Logger,
): Promise<boolean> {
  const p = v.pending;
  if (p?.kind !== "tool" || p.risk === "high" || !rules.length) return false;
  // Match the command as it will run: the stored prompt, not the view (whose redaction can hide a `$(…)`).
  const rec = (await w.readRegistry()).sessions[v.name];
  const stored = rec?.pending;
  if (!stored || stored.id !== p.id || stored.risk === "high") return false;
  const command = stored.detail ?? "";
  const cls = agentById(rec?.agent ?? "")?.toolClass(stored.tool);
  const rule = rules.find(
    (r) =>
      r.tool === stored.tool &&
      (!r.session || r.session === v.name) &&
      // A shell rule without a pattern approves nothing (the config refuses one; this holds without it too).
      (r.pattern !== undefined
        ? cls === "fetch"
          ? urlMatches(r.pattern, command)
          : commandMatches(r.pattern, command)
        : cls !== "shell"),
  );
  if (!rule) return false;
  const r = await w.respond({ session: v.name, action: "approve", id: p.id }, AUTO_APPROVER);
  if (!r.ok) {
    log.warn(`auto-approve of ${v.name} ${p.id} did not go through: ${r.error} (${r.facts.why})`);
    return false;
  }
  await w.updateRegistry((d) => {
    const rec = d.sessions[v.name];
    if (rec) rec.autoApproved++;
  });
  log.info(`auto-approved ${v.name} ${p.id} (${p.tool}: ${p.detail ?? ""}) by rule ${JSON.stringify(rule)}`);
  return true;
}

const AUTO_APPROVER = { id: "auto-approver", channel: "auto", authorized: true };

/**
 * An auto-approve pattern: the command spelled literally, with `*` for "any further words", e.g. `npm test*`
 * or `git status`. A `*` never stands for a shell operator, substitution or redirection (`;`, `&`, `|`, a
 * backtick, `$`, `<`, `>`, a line break): a command can only chain, redirect or substitute what the pattern
 * spells out itself, so `npm test 2>&1*` approves `npm test 2>&1 --run` but never `npm test 2>&1; sh x`.
 */
export function commandMatches(pattern: string, command: string): boolean {
  const re = pattern
    .split("*")
    .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^;&|`$<>\\n\\r]*");
  return new RegExp(`^${re}$`).test(command.trim());
}

/**
 * A fetch rule's pattern: a URL whose scheme and host must be the fetched URL's exactly; `*` stands for any
 * path or query after them. So `https://docs.example.com*` approves `https://docs.example.com/a?b` but never
 * `https://docs.example.com.evil.net/` or `https://evil.net/?docs.example.com`. A pattern without a scheme and
 * host approves nothing.
 */
export function urlMatches(pattern: string, url: string): boolean {
  const m = /^(https?:\/\/[^/*?#\s]+)(.*)$/i.exec(pattern.trim());
  if (!m) return false;
  let want: URL;
  let got: URL;
  try {
    want = new URL(m[1]!);
    got = new URL(url.trim());
  } catch {
    return false;
  }
  if (want.protocol !== got.protocol || want.host !== got.host || got.username || got.password) return false;
  const rest = m[2]!;
  const re = rest
    .split("*")
    .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const tail = `${got.pathname}${got.search}`;
  return new RegExp(`^${re}$`).test(tail) || (rest === "" && tail === "/");
}
