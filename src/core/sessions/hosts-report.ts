// `wingman hosts`: each machine sessions may run on, whether it answers, its tmux and agents' versions, and
// how many of Wingman's sessions it holds. Hosts are asked in parallel; one that does not answer says why.
import { execa } from "execa";
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
  const commands = (h: string | null) => agentIds().map((id) => ({ name: id, command: agentSettings(core.config, id, h).command }));
  const local = async (): Promise<HostReport> => {
    const agents = await Promise.all(commands(null).map(async (a) => ({ ...a, version: await localVersion(a.command) })));
    let tmuxVersion: string | undefined;
    let error: string | undefined;
    try {
      tmuxVersion = await core.fleet.local.panes.tmuxVersion();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    return { name: null, ssh: null, reachable: true, ...(error ? { error } : {}), ...(tmuxVersion ? { tmuxVersion } : {}), agents, ...counts(null) };
  };
  const remote = async (name: string): Promise<HostReport> => {
    const host = core.fleet.get(name);
    const wanted = commands(name);
    const probe = await host.remote!.probe(wanted.map((a) => a.command));
    return {
      name,
      ssh: core.config.hosts[name]?.ssh ?? null,
      reachable: probe.reachable,
      ...(probe.error ? { error: probe.error } : {}),
      ...(probe.tmuxVersion ? { tmuxVersion: probe.tmuxVersion } : {}),
      agents: wanted.map((a) => ({ ...a, version: probe.reachable ? (probe.programs[a.command] ?? null) : null })),
      ...counts(name),
    };
  };
  return Promise.all([local(), ...core.fleet.names().map(remote)]);
}

/** The first line a program prints for --version, or null when it cannot be run. */
async function localVersion(command: string): Promise<string | null> {
  const r = await execa(command, ["--version"], { reject: false, timeout: 15_000 }).catch(() => null);
  if (r?.exitCode !== 0) return null;
  return String(r.stdout).split("\n")[0]?.trim() || "?";
}
