// Sessions on other machines, measured beside the same work on this machine, in the same run. Fake hosts are
// real OpenSSH (`sshd -i` per connection, its own namespace and HOME) and real tmux (devkit/fake-ssh-host.ts),
// so every number includes a real SSH channel over a ControlMaster, on loopback.
//
//   status            one status read of 3 hosts x 10 idle sessions   | baseline: 30 local sessions
//   detection         dialog drawn -> approval_needed notification    | baseline: the same on this machine
//   approval          approve -> dialog verified closed               | baseline: the same on this machine
//   connections       SSH connections per host over a monitor hour (7200 ticks at 500 ms, run back to back)
//
//   npm run build && node bench/ssh-hosts.ts [TRIALS]     (default 20; needs root and openssh-server)
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSshHosts, fakeSshUnavailable } from "../devkit/fake-ssh-host.ts";
import { owner, quiet, recordingNotifier, sleep, stats } from "./common.ts";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "index.js");
const { Monitor, createWingman, describeNotification, resolveConfig, describeOutcome } = (await import(dist)) as typeof import("../src/index.ts");

const trials = Number(process.argv[2] ?? 20);
const HOSTS = ["alpha", "beta", "gamma"];
const STANDIN = join(dirname(fileURLToPath(import.meta.url)), "..", "devkit", "standin-agent.mjs");

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}`.padStart(5) : "    -");
function row(label: string, remote: number[], local: number[]) {
  const r = stats(remote);
  const l = stats(local);
  console.log(`  ${label.padEnd(34)} remote n=${r.n} p50 ${ms(r.p50)} ms p95 ${ms(r.p95)} ms   | local n=${l.n} p50 ${ms(l.p50)} ms p95 ${ms(l.p95)} ms`);
}

const why = await fakeSshUnavailable();
if (why) {
  console.error(`bench/ssh-hosts: fake SSH hosts cannot run here: ${why}`);
  process.exit(1);
}
const fake = await fakeSshHosts(HOSTS);
const root = join(fake.root, "bench");
const work = join(root, "project");
mkdirSync(work, { recursive: true });
// An idle agent that costs nothing: Claude Code's idle screen, then sleep (same on both sides).
const idle = join(root, "idle-agent.sh");
writeFileSync(
  idle,
  `#!/bin/sh\nprintf '\\033[H\\033[2J'\nprintf '%s\\n' '${"─".repeat(100)}' '❯\u00a0' '${"─".repeat(100)}' '  ⏸ manual mode on · ? for shortcuts'\nexec sleep 100000\n`,
  { mode: 0o755 },
);
const hostsConfig = (command: string) =>
  Object.fromEntries(
    HOSTS.map((h, i) => [h, { ssh: fake.hosts[i]!.alias, sshConfig: fake.sshConfig, claudeCommand: command, env: { STANDIN_DRAW_DELAY_MS: "0" } }]),
  );
const wingman = (name: string, command: string) => {
  const env: NodeJS.ProcessEnv = { ...process.env, WINGMAN_STATE_DIR: join(root, name), WINGMAN_CLAUDE_COMMAND: command };
  delete env.WINGMAN_TMUX_SOCKET;
  const config = resolveConfig({ hosts: hostsConfig(command), pollSeconds: 2 }, env);
  return { w: createWingman({ config, env }), config };
};
const made: Array<ReturnType<typeof wingman>["w"]> = [];

const connections = (h: string) => readdirSync(join(fake.root, h, "pids")).length;

console.log(`Sessions on other machines (${new Date().toISOString()}, node ${process.version}; ${HOSTS.length} fake hosts over real OpenSSH on loopback)`);
try {
  // ---- status: 3 hosts x 10 sessions vs 30 sessions on this machine
  const { w: fleet } = wingman("fleet", idle);
  const { w: here } = wingman("here", idle);
  made.push(fleet, here);
  for (const h of HOSTS) for (let i = 0; i < 10; i++) await fleet.spawn({ session: `${h}-${i}`, workdir: work, host: h }, owner);
  for (let i = 0; i < 30; i++) await here.spawn({ session: `local-${i}`, workdir: work }, owner);
  await sleep(1500);
  await Promise.all([fleet.status(), here.status()]); // warm: masters open, screens read once
  const remote: number[] = [];
  const local: number[] = [];
  const calls0 = HOSTS.map((h) => fleet.fleet.get(h).panes.calls);
  for (let i = 0; i < trials; i++) {
    let t0 = performance.now();
    const vs = await fleet.status();
    remote.push(performance.now() - t0);
    if (vs.filter((v) => v.state === "idle").length !== 30) console.log(`  trial ${i}: ${vs.filter((v) => v.state === "idle").length}/30 remote sessions idle`);
    t0 = performance.now();
    await here.status();
    local.push(performance.now() - t0);
  }
  const perRead = HOSTS.map((h, i) => (fleet.fleet.get(h).panes.calls - calls0[i]!) / trials);
  console.log(`\nstatus: one read of 30 sessions (${trials} reads each)`);
  row("3 hosts x 10  vs  30 local", remote, local);
  console.log(`  SSH round trips per host per read: ${perRead.map((c, i) => `${HOSTS[i]} ${c.toFixed(1)}`).join(", ")}`);

  // ---- a monitor hour: connections per host (7200 ticks at 500 ms, back to back)
  const ticks = Number(process.argv[3] ?? 7200);
  const before = HOSTS.map(connections);
  const hourMonitor = new Monitor({ describe: describeNotification, wingman: fleet, config: fleet.config, logger: quiet, notifier: { async send() {} } });
  const t0 = performance.now();
  for (let i = 0; i < ticks; i++) await hourMonitor.tick();
  const took = (performance.now() - t0) / 1000;
  console.log(`\nmonitor hour: ${ticks} ticks over 30 remote sessions in ${took.toFixed(0)} s (${((took * 1000) / ticks).toFixed(1)} ms a tick)`);
  console.log(`  new SSH connections per host: ${HOSTS.map((h, i) => `${h} ${connections(h) - before[i]!}`).join(", ")}   (since the start of the run: ${HOSTS.map((h) => `${h} ${connections(h)}`).join(", ")})`);
  await fleet.fleet.close();
  await fleet.tmux.killServer();

  // ---- detection and approval round trip: one stand-in here, one on alpha, one monitor
  const { w, config } = wingman("latency", STANDIN);
  made.push(w);
  const { notes, notifier } = recordingNotifier(() => performance.now());
  const monitor = new Monitor({ describe: describeNotification, wingman: w, config, logger: quiet, notifier });
  await w.spawn({ session: "near", workdir: work }, owner);
  await w.spawn({ session: "far", workdir: work, host: "alpha" }, owner);
  for (let k = 0; k < 100 && (await w.status()).some((v) => v.state !== "idle"); k++) await sleep(100);
  await monitor.start();
  const detect: Record<string, number[]> = { near: [], far: [] };
  const answer: Record<string, number[]> = { near: [], far: [] };
  for (let i = 0; i < trials * 2; i++) {
    const name = i % 2 ? "far" : "near";
    const panes = w.fleet.get(name === "far" ? "alpha" : null).panes;
    const mark = notes.length;
    await w.send(name, "ASK", {}, owner);
    let drawn = 0;
    for (let k = 0; k < 500 && !drawn; k++) {
      if ((await panes.capture(name)).includes("Do you want to proceed?")) drawn = performance.now();
      else await sleep(20);
    }
    let note: (typeof notes)[number] | undefined;
    for (let k = 0; k < 500 && !note; k++) {
      note = notes.slice(mark).find((n) => n.type === "approval_needed" && n.session === name);
      if (!note) await sleep(10);
    }
    if (drawn && note) detect[name]!.push(Math.max(0, note.t - drawn));
    await sleep(Math.max(0, drawn + 1000 - performance.now()));
    const [v] = await w.status(name);
    const t1 = performance.now();
    const r = await w.respond({ session: name, action: "approve", id: v!.pending!.id }, owner);
    if (r.ok) answer[name]!.push(performance.now() - t1);
    else console.log(`  trial ${i} (${name}): ${describeOutcome(r)}`);
    for (let k = 0; k < 100 && (await w.status(name))[0]?.state !== "idle"; k++) await sleep(50);
  }
  await monitor.stop();
  console.log(`\nprompt on a host vs here (stand-in agent, ${trials} trials each; the monitor looks at hosts every 500 ms)`);
  row("dialog drawn -> notification", detect.far!, detect.near!);
  row("approve -> dialog verified closed", answer.far!, answer.near!);
} finally {
  for (const w of made) {
    await w.fleet.close().catch(() => {});
    await w.tmux.killServer();
  }
  await fake.cleanup();
}
