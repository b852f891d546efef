// `hosts`: one line per machine on the phone, columns in a terminal. A host that does not answer says why
// (the connection error names the ssh command to try).
import type { HostReport } from "../api/types.js";
import { aligned } from "./journal.js";
import type { Style } from "./states.js";

const where = (h: HostReport) => h.name ?? "this machine";
const agents = (h: HostReport) => h.agents.map((a) => `${a.name} ${a.version ?? "missing"}`).join(", ");
const sessions = (h: HostReport) =>
  `${h.sessions} session${h.sessions === 1 ? "" : "s"}${h.waiting ? `, ${h.waiting} waiting` : ""}`;

export function formatHosts(hosts: HostReport[], style: Style): string {
  if (style === "chat") {
    return hosts
      .map((h) =>
        h.reachable
          ? `${h.error ? "⚠️" : "🟢"} *${where(h)}* · ${h.tmuxVersion ?? "no tmux"} · ${agents(h)} · ${sessions(h)}${h.error ? `\n${h.error}` : ""}`
          : `🔴 *${where(h)}* unreachable · ${sessions(h)}\n${h.error ?? ""}`,
      )
      .join("\n");
  }
  const rows = [["HOST", "SSH", "STATUS", "TMUX", "AGENTS", "SESSIONS"]];
  for (const h of hosts) {
    rows.push([
      where(h),
      h.ssh ?? "-",
      h.reachable ? "ok" : "unreachable",
      h.tmuxVersion ?? "-",
      h.reachable ? agents(h) : "-",
      sessions(h),
    ]);
  }
  const errors = hosts.filter((h) => h.error).map((h) => `${where(h)}: ${h.error}`);
  return [aligned(rows), ...(errors.length ? ["", ...errors] : [])].join("\n");
}
