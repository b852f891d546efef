// `wingman hosts`: each machine sessions may run on, whether it answers, its tmux and agents' versions, and
// how many of Wingman's sessions it holds. Every kind of host answers the same probe (hosts/host.ts), so
// this machine and the others are asked alike, in parallel; one that does not answer says why.
import type { HostReport } from "../../api/types.js";
import { agentIds } from "../../agents/index.js";
import { agentSettings } from "../../config.js";
import type { Core } from "../context.js";

export async function hostsReport(core: Core): Promise<HostReport[]> {
  const records = Object.values((await core.registry.read()).sessions);
  const counts = (h: string | null) => {
    const mine = records.filter((r) => (r.host ?? null) === h);
    return { sessions: mine.length, waiting: mine.filter((r) => r.pending).length };
  };
  const report = async (name: string | null): Promise<HostReport> => {
    const host = core.fleet.get(name);
    const wanted = agentIds().map((id) => ({ name: id, command: agentSettings(core.config, id, name).command }));
    const probe = await host.machine.probe([...new Set(wanted.map((a) => a.command))]);
    return {
      name,
      kind: host.machine.kind,
      address: host.machine.address,
      ssh: name === null ? null : (core.config.hosts[name]?.ssh ?? null),
      reachable: probe.reachable,
      ...(probe.error ? { error: probe.error } : {}),
      ...(probe.tmuxVersion ? { tmuxVersion: probe.tmuxVersion } : {}),
      agents: wanted.map((a) => ({ ...a, version: probe.reachable ? (probe.programs[a.command] ?? null) : null })),
      ...counts(name),
    };
  };
  return Promise.all([report(null), ...core.fleet.names().map(report)]);
}
