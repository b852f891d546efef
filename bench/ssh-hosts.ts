// Sessions on other machines, measured beside the same work on this machine, in the same run. Fake hosts are
// real OpenSSH (`sshd -i` per connection, its own namespace and HOME) and real tmux (devkit/fake-ssh-host.ts),
// so every number includes a real SSH channel over a ControlMaster, on loopback.
//
//   status            one status read of 3 hosts x 10 idle sessions   | baseline: 30 local sessions
//   connections       SSH connections per host over a monitor hour (7200 ticks at 500 ms, run back to back)
//   idle cost         CPU per idle host per minute, this side and that side, and SSH connections opened:
//                     the monitor polling hosts every 500 ms (before) vs following their streams (after)
//   detection         dialog drawn -> approval_needed notification, streams vs poll | baseline: this machine
//   approval          approve -> dialog verified closed, streams vs poll             | baseline: this machine
//
//   npm run build && node bench/ssh-hosts.ts [TRIALS] [TICKS] [IDLE_SECONDS]
//   (defaults 20, 7200, 30; needs root and openssh-server; inotify-tools on this machine makes the fake hosts
//   use inotifywait, as a host with it would)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSshHosts, fakeSshUnavailable } from "../devkit/fake-ssh-host.ts";
import { owner, quiet, recordingNotifier, sleep, stats } from "./common.ts";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "index.js");
const { Monitor, createWingman, describeNotification, resolveConfig, describeOutcome } = (await import(
  dist
)) as typeof import("../src/index.ts");

const trials = Number(process.argv[2] ?? 20);
const HOSTS = ["alpha", "beta", "gamma"];
const STANDIN = join(dirname(fileURLToPath(import.meta.url)), "..", "devkit", "standin-agent.mjs");

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}`.padStart(5) : "    -");
function row(label: string, remote: number[], local: number[]) {
  const r = stats(remote);
  const l = stats(local);
  console.log(
    `  ${label.padEnd(34)} remote n=${r.n} p50 ${ms(r.p50)} ms p95 ${ms(r.p95)} ms   | local n=${l.n} p50 ${ms(l.p50)} ms p95 ${ms(l.p95)} ms`,
  );
}

const why = await fakeSshUnavailable();
if (why) {
  console.error(`bench/ssh-hosts: fake SSH hosts cannot run here: ${why}`);
  process.exit(1);
}
// gamma lacks inotifywait (hidden in its namespace), so its stream watches the signals folder with its 1 s `find`.
const fake = await fakeSshHosts(HOSTS, { without: { gamma: ["inotifywait"] } });
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
/** Where the stand-in notes when it drew a dialog (epoch ms; /tmp is shared with the fake hosts). */
const drawnLog = (where: string) => join(root, `drawn-${where}.log`);
const lastDrawn = (where: string) => Number(readFileSync(drawnLog(where), "utf8").trim().split("\n").at(-1));
const hostsConfig = (command: string) =>
  Object.fromEntries(
    HOSTS.map((h, i) => [
      h,
      {
        ssh: fake.hosts[i]!.alias,
        sshConfig: fake.sshConfig,
        claudeCommand: command,
        env: { STANDIN_DRAW_DELAY_MS: "0", STANDIN_DRAWN_LOG: drawnLog(h) },
      },
    ]),
  );
const wingman = (name: string, command: string) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WINGMAN_STATE_DIR: join(root, name),
    WINGMAN_CLAUDE_COMMAND: command,
    STANDIN_DRAW_DELAY_MS: "0",
    STANDIN_DRAWN_LOG: drawnLog("here"),
  };
  delete env.WINGMAN_TMUX_SOCKET;
  const config = resolveConfig({ hosts: hostsConfig(command), pollSeconds: 2 }, env);
  return { w: createWingman({ config, env }), config };
};
const made: Array<ReturnType<typeof wingman>["w"]> = [];

const connections = (h: string) => readdirSync(join(fake.root, h, "pids")).length;

// ---- CPU accounting from /proc (clock ticks of 10 ms): a process's own time plus its reaped children's.
const TICK_MS = 10;
function procs(): Array<{ pid: number; ppid: number; cpu: number; cmd: string }> {
  const out = [];
  for (const f of readdirSync("/proc")) {
    if (!/^\d+$/.test(f)) continue;
    try {
      const stat = readFileSync(`/proc/${f}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cpu = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
      out.push({ pid: Number(f), ppid: Number(fields[1]), cpu, cmd: readFileSync(`/proc/${f}/cmdline`, "utf8") });
    } catch {} // gone meanwhile
  }
  return out;
}
/** Per fake host: its processes (every one with that host's home on /root) and their proportional memory (Pss, MB). */
function hostMemory(): Array<{ procs: number; pssMb: number }> {
  const out = HOSTS.map(() => ({ procs: 0, pssMb: 0 }));
  for (const f of readdirSync("/proc")) {
    if (!/^\d+$/.test(f)) continue;
    try {
      const mounts = readFileSync(`/proc/${f}/mountinfo`, "utf8");
      const i = fake.hosts.findIndex((h) => mounts.includes(` ${h.home} /root `));
      if (i < 0) continue;
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${f}/smaps_rollup`, "utf8"));
      out[i]!.procs++;
      out[i]!.pssMb += Number(pss?.[1] ?? 0) / 1024;
    } catch {} // gone meanwhile
  }
  return out;
}

/** ms of CPU used so far by the processes that make up each side: this one and its children, the hosts' ControlMasters; every process inside each fake host. */
function cpuNow(controlPaths: string[]): { here: number; hosts: number[] } {
  const all = procs();
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (mine.has(p.pid) || !mine.has(p.ppid)) continue;
      mine.add(p.pid);
      grew = true;
    }
  }
  let here = 0;
  const hosts = HOSTS.map(() => 0);
  for (const p of all) {
    if (mine.has(p.pid) || controlPaths.some((c) => p.cmd.includes(`ControlPath=${c}`))) here += p.cpu;
    const mounts = (() => {
      try {
        return readFileSync(`/proc/${p.pid}/mountinfo`, "utf8");
      } catch {
        return "";
      }
    })();
    fake.hosts.forEach((h, i) => {
      if (!mine.has(p.pid) && mounts.includes(` ${h.home} /root `)) hosts[i]! += p.cpu;
    });
  }
  return { here, hosts };
}

console.log(
  `Sessions on other machines (${new Date().toISOString()}, node ${process.version}; ${HOSTS.length} fake hosts over real OpenSSH on loopback; load avg ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")})`,
);
try {
  // ---- status: 3 hosts x 10 sessions vs 30 sessions on this machine
  const { w: fleet } = wingman("fleet", idle);
  const { w: here } = wingman("here", idle);
  made.push(fleet, here);
  for (const h of HOSTS)
    for (let i = 0; i < 10; i++) await fleet.spawn({ session: `${h}-${i}`, workdir: work, host: h }, owner);
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
    if (vs.filter((v) => v.state === "idle").length !== 30)
      console.log(`  trial ${i}: ${vs.filter((v) => v.state === "idle").length}/30 remote sessions idle`);
    t0 = performance.now();
    await here.status();
    local.push(performance.now() - t0);
  }
  const perRead = HOSTS.map((h, i) => (fleet.fleet.get(h).panes.calls - calls0[i]!) / trials);
  console.log(`\nstatus: one read of 30 sessions (${trials} reads each)`);
  row("3 hosts x 10  vs  30 local", remote, local);
  console.log(
    `  SSH round trips per host per read: ${perRead.map((c, i) => `${HOSTS[i]} ${c.toFixed(1)}`).join(", ")}`,
  );

  // ---- a monitor hour: connections per host (7200 ticks at 500 ms, back to back)
  const ticks = Number(process.argv[3] ?? 7200);
  const before = HOSTS.map(connections);
  const hourMonitor = new Monitor({
    describe: describeNotification,
    wingman: fleet,
    config: fleet.config,
    logger: quiet,
    notifier: { async send() {} },
    watch: false,
  });
  const t0 = performance.now();
  for (let i = 0; i < ticks; i++) await hourMonitor.tick();
  const took = (performance.now() - t0) / 1000;
  console.log(
    `\nmonitor hour: ${ticks} ticks over 30 remote sessions in ${took.toFixed(0)} s (${((took * 1000) / ticks).toFixed(1)} ms a tick)`,
  );
  console.log(
    `  new SSH connections per host: ${HOSTS.map((h, i) => `${h} ${connections(h) - before[i]!}`).join(", ")}   (since the start of the run: ${HOSTS.map((h) => `${h} ${connections(h)}`).join(", ")})`,
  );

  // ---- idle cost: the same 30 idle sessions, a running monitor, polling vs streaming
  const idleSeconds = Number(process.argv[4] ?? 30);
  const controlPaths = HOSTS.map(
    (h) => (fleet.fleet.get(h).remote as unknown as { conn: { controlPath: string } }).conn.controlPath,
  );
  console.log(
    `\nidle cost: 3 hosts x 10 idle sessions, a running monitor, ${idleSeconds} s each (CPU ms per host per minute; load avg ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")})`,
  );
  for (const mode of ["poll", "stream"] as const) {
    const m = new Monitor({
      describe: describeNotification,
      wingman: fleet,
      config: fleet.config,
      logger: quiet,
      notifier: { async send() {} },
      ...(mode === "poll" ? { watch: false as const } : {}),
    });
    await m.start();
    if (mode === "stream") {
      for (let k = 0; k < 200; k++) {
        const vs = await fleet.status();
        if (vs.every((v) => m.watches!.covers(v))) break;
        await sleep(100);
      }
    }
    await sleep(3000); // settle
    const c0 = HOSTS.map(connections);
    const a = cpuNow(controlPaths);
    await sleep(idleSeconds * 1000);
    const b = cpuNow(controlPaths);
    const opened = HOSTS.map((h, i) => connections(h) - c0[i]!);
    const mem = hostMemory();
    const starts =
      mode === "stream"
        ? HOSTS.map((h) => (m.watches!.of(h) as unknown as { stats: { starts: number } }).stats.starts)
        : null;
    await m.stop();
    const perMin = (x: number) => ((x / idleSeconds) * 60).toFixed(0).padStart(5);
    console.log(
      `  ${mode.padEnd(7)} this side ${perMin((b.here - a.here) / HOSTS.length)} ms/host/min   that side ${HOSTS.map((h, i) => `${h} ${perMin(b.hosts[i]! - a.hosts[i]!)}`).join(", ")} ms/min` +
        `   new SSH connections ${opened.join("/")}${starts ? `   streams opened ${starts.join("/")}` : ""}`,
    );
    if (mode === "stream")
      console.log("          (alpha and beta watch signal files with inotifywait; gamma, without it, with a 1 s find)");
    console.log(
      `          processes on each host (10 agents, tmux, sshd${mode === "stream" ? ", the stream" : ""}): ${mem.map((m) => `${m.procs} (${m.pssMb.toFixed(0)} MB Pss)`).join(", ")}`,
    );
  }
  await fleet.fleet.close();
  await fleet.tmux.killServer();

  // ---- detection and approval round trip: one stand-in here, one on alpha, one monitor; streams, then the poll
  const { w, config } = wingman("latency", STANDIN);
  made.push(w);
  await w.spawn({ session: "near", workdir: work }, owner);
  await w.spawn({ session: "far", workdir: work, host: "alpha" }, owner);
  for (let k = 0; k < 100 && (await w.status()).some((v) => v.state !== "idle"); k++) await sleep(100);
  for (const mode of ["stream", "poll"] as const) {
    const { notes, notifier } = recordingNotifier(Date.now);
    const monitor = new Monitor({
      describe: describeNotification,
      wingman: w,
      config,
      logger: quiet,
      notifier,
      ...(mode === "poll" ? { watch: false as const } : {}),
    });
    await monitor.start();
    if (mode === "stream")
      for (let k = 0; k < 100 && !monitor.watches!.covers((await w.status("far"))[0]!); k++) await sleep(100);
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
      // From the moment the agent drew the dialog (its own note) to the notification, both on this machine's clock.
      if (drawn && note) detect[name]!.push(note.t - lastDrawn(name === "far" ? "alpha" : "here"));
      await sleep(Math.max(0, drawn + 1000 - performance.now()));
      const [v] = await w.status(name);
      const t1 = performance.now();
      const r = await w.respond({ session: name, action: "approve", id: v!.pending!.id }, owner);
      if (r.ok) answer[name]!.push(performance.now() - t1);
      else console.log(`  trial ${i} (${name}): ${describeOutcome(r)}`);
      for (let k = 0; k < 100 && (await w.status(name))[0]?.state !== "idle"; k++) await sleep(50);
    }
    const hints = monitor.watches?.log.length ?? 0;
    await monitor.stop();
    console.log(
      mode === "stream"
        ? `\nprompt on a host vs here, the monitor following alpha's stream (stand-in agent, ${trials} trials each; ${hints} stream wake-ups)`
        : `\nthe same with the monitor polling hosts every 500 ms (before the streams)`,
    );
    row("dialog drawn -> notification", detect.far!, detect.near!);
    row("approve -> dialog verified closed", answer.far!, answer.near!);
  }
  console.log(
    `\nload avg at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
} finally {
  for (const w of made) {
    await w.fleet.close().catch(() => {});
    await w.tmux.killServer();
  }
  await fake.cleanup();
}
