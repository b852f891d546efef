// Other machines' changes as they happen: the monitor follows each host through one long-lived channel over
// the host's ControlMaster (tmux control mode + the signals folder watched there), on fake hosts made of real
// OpenSSH and real tmux, with the stand-in agent. alpha has inotifywait; beta does not (it is hidden in beta's
// mount namespace), so its signals folder is polled there, and beta's login shell is fish. The monitor's own
// poll is set to 60 s here, so a notification within seconds came from a stream (or from the 500 ms look kept
// for sessions no stream covers).
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import type { HostHint, RemoteHost } from "../../src/hosts/host.js";
import type { HostStream } from "../../src/hosts/ssh/stream.js";
import { Monitor } from "../../src/core/monitor/monitor.js";
import type { WatchOptions } from "../../src/hosts/host.js";
import { describeNotification } from "../../src/format/notify.js";
import { type FakeSshHosts, fakeSshHosts, fakeSshUnavailable } from "../../devkit/fake-ssh-host.js";
import { OWNER, STANDIN, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { say } from "../../devkit/say.js";

const HOSTS = ["alpha", "beta"];
const quiet = { info() {}, warn() {}, error() {} };

describe("host streams (real OpenSSH + tmux fake hosts, stand-in agent)", () => {
  let fake: FakeSshHosts;
  let t: TempWingman;
  let work: string;
  const connections = (h: string) => readdirSync(join(fake.root, h, "pids")).length;

  beforeAll(async () => {
    const why = await fakeSshUnavailable();
    if (why) throw new Error(`these tests need fake SSH hosts: ${why}`);
    if (!existsSync("/usr/bin/inotifywait"))
      throw new Error(
        "these tests need inotifywait on this machine for the fake host alpha (apt-get install inotify-tools)",
      );
    fake = await fakeSshHosts(HOSTS, { without: { beta: ["inotifywait"] }, loginShell: { beta: "/usr/bin/fish" } });
    t = await tempWingman({
      config: {
        pollSeconds: 60,
        hosts: Object.fromEntries(
          HOSTS.map((h, i) => [
            h,
            {
              ssh: fake.hosts[i]!.alias,
              sshConfig: fake.sshConfig,
              claudeCommand: STANDIN,
              env: { STANDIN_DRAW_DELAY_MS: "300" },
            },
          ]),
        ),
      },
    });
    work = join(fake.root, "project");
    await mkdir(work);
    for (const [s, host] of [
      ["ra", "alpha"],
      ["rb", "beta"],
    ] as const) {
      const r = await t.wingman.spawn({ session: s, workdir: work, host }, OWNER);
      expect(r.ok, say(r)).toBe(true);
    }
    await until(
      () => t.wingman.status(),
      (vs) => vs.filter((v) => v.state === "idle").length === 2,
      20_000,
      200,
    );
  }, 60_000);

  afterAll(async () => {
    await t?.wingman.fleet.close();
    await t?.cleanup();
    await fake?.cleanup();
  });

  function monitorWith(watch?: WatchOptions) {
    const sent: Notification[] = [];
    const monitor = new Monitor({
      describe: describeNotification,
      wingman: t.wingman,
      config: t.wingman.config,
      logger: quiet,
      notifier: {
        async send(n) {
          sent.push(n);
        },
      },
      ...(watch ? { watch } : {}),
    });
    return { monitor, sent };
  }
  const coveredAll = async (m: Monitor) => {
    const vs = await until(
      () => t.wingman.status(),
      (vs) => vs.filter((v) => v.host !== null && v.state !== "exited").every((v) => m.watches!.covers(v)),
      20_000,
      100,
    );
    for (const v of vs)
      if (v.host !== null && v.state !== "exited")
        expect(m.watches!.covers(v), `${v.name} followed by its host's stream`).toBe(true);
  };
  const stream = (m: Monitor, host: string) => m.watches!.of(host) as HostStream;
  const asked = (sent: Notification[], session: string, after: number) =>
    until(
      async () => sent.slice(after),
      (s) => s.some((n) => n.type === "approval_needed" && n.session === session),
      20_000,
      25,
    );
  const approve = async (session: string) => {
    const [v] = await until(
      () => t.wingman.status(session),
      (vs) => !!vs[0]?.pending && !vs[0].pending.optionsPending,
      10_000,
    );
    expect((await t.wingman.respond({ session, action: "approve", id: v!.pending!.id }, OWNER)).ok).toBe(true);
    await until(
      () => t.wingman.status(session),
      (vs) => vs[0]?.state === "idle",
      10_000,
    );
  };

  it("a dialog on a host wakes the monitor through the stream (inotifywait on alpha, the host-side poll on beta), over the one connection each host has", async () => {
    const before = HOSTS.map(connections);
    const { monitor, sent } = monitorWith();
    expect(await monitor.start()).toBe(true);
    try {
      await coveredAll(monitor);
      for (const [s, host] of [
        ["ra", "alpha"],
        ["rb", "beta"],
      ] as const) {
        const mark = sent.length;
        const hints = monitor.watches!.log.length;
        expect((await t.wingman.send(s, "ASK", {}, OWNER)).ok).toBe(true);
        const got = await asked(sent, s, mark);
        const note = got.find((n) => n.type === "approval_needed" && n.session === s)!;
        expect(note.id).toBe((await t.wingman.status(s))[0]?.pending?.id);
        const fromHost = async () => monitor.watches!.log.slice(hints).filter((h) => h.host === host);
        // The pane's drawing came as output of that session; the hook's file as a signal: named on alpha
        // (inotifywait names the file), host-wide on beta (its 1 s poll there only sees that the folder changed,
        // and may come after the drawing did).
        const seen = await until(fromHost, (hs) => hs.some((h) => h.why === "signal"), 5000, 50);
        expect(seen.some((h) => h.why === "output" && h.sessions?.includes(s))).toBe(true);
        const signals = seen.filter((h) => h.why === "signal");
        expect(signals.length).toBeGreaterThan(0);
        expect(signals.every((h) => (host === "alpha" ? h.sessions?.includes(s) : h.sessions === null))).toBe(true);
        // The session stayed followed throughout: its wake-ups were the stream's, not the 500 ms look.
        expect(monitor.watches!.covers((await t.wingman.status(s))[0]!)).toBe(true);
        await approve(s);
      }
      // Streams ride on the host's master: no host got a second connection.
      expect(HOSTS.map(connections)).toEqual(before);
      for (const h of HOSTS) expect(stream(monitor, h).stats.starts).toBe(1);
    } finally {
      await monitor.stop();
    }
    // Stopping the monitor ended the channels there: no control client is left on either host's tmux.
    for (const h of HOSTS) {
      const clients = await until(
        () => clientsOn(t.wingman.fleet.get(h).remote!),
        (c) => c === "",
        5000,
        100,
      );
      expect(clients).toBe("");
    }
  }, 90_000);

  it("a stream killed on the far side is restarted; until then the 500 ms look covers the gap", async () => {
    const { monitor, sent } = monitorWith({ restartMs: [8000] });
    expect(await monitor.start()).toBe(true);
    try {
      await coveredAll(monitor);
      const s = stream(monitor, "alpha");
      const pid = s.remotePid;
      // Kill the stream's whole process group there (its shell leads it), as an administrator or OOM killer would.
      const pgid = Number((await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ")[2]);
      expect(pgid).toBeGreaterThan(1);
      process.kill(-pgid, "SIGKILL");
      const [ra] = await until(
        () => t.wingman.status("ra"),
        (vs) => !monitor.watches!.covers(vs[0]!),
        10_000,
        50,
      );
      expect(monitor.watches!.covers(ra!)).toBe(false);

      const mark = sent.length;
      expect((await t.wingman.send("ra", "ASK", {}, OWNER)).ok).toBe(true);
      await asked(sent, "ra", mark);
      // Notified while the stream was still down (it waits 8 s before starting again): the poll did it.
      expect(s.stats.starts).toBe(1);
      await approve("ra");

      await coveredAll(monitor);
      expect(s.stats.starts).toBe(2);
      expect(s.remotePid).not.toBe(pid);
      const mark2 = sent.length;
      const hints = monitor.watches!.log.length;
      expect((await t.wingman.send("ra", "ASK", {}, OWNER)).ok).toBe(true);
      await asked(sent, "ra", mark2);
      expect(monitor.watches!.log.slice(hints).some((h) => h.host === "alpha" && h.why === "output")).toBe(true);
      await approve("ra");
      // The stream's end was not the host's: nobody was told the host went down.
      expect(sent.filter((n) => n.type === "host_down" || n.type === "host_back")).toEqual([]);
    } finally {
      await monitor.stop();
    }
  }, 90_000);

  it("a stream that stops answering (stopped there) is detected by its heartbeat and started again", async () => {
    const { monitor, sent } = monitorWith({ heartbeatMs: 500, restartMs: [200] });
    expect(await monitor.start()).toBe(true);
    let pgid = 0;
    try {
      await coveredAll(monitor);
      const s = stream(monitor, "beta");
      pgid = Number((await readFile(`/proc/${s.remotePid}/stat`, "utf8")).split(") ")[1]!.split(" ")[2]);
      process.kill(-pgid, "SIGSTOP"); // the channel stays open; nothing answers
      await until(
        async () => s.stats.starts,
        (n) => n === 2,
        15_000,
        50,
      );
      await coveredAll(monitor);
      expect(s.stats.starts).toBe(2);
      process.kill(-pgid, "SIGCONT");
      // Woken, the old stream reads its closed channel's end (after the heartbeats queued meanwhile) and ends
      // every process it started there: nothing of it is left on the host.
      const left = await until(
        async () => inGroup(pgid),
        (ps) => ps.length === 0,
        10_000,
        100,
      );
      expect(left).toEqual([]);
      pgid = 0;
      expect(sent.filter((n) => n.type === "host_down")).toEqual([]);
    } finally {
      if (pgid) process.kill(-pgid, "SIGCONT");
      await monitor.stop();
    }
  }, 60_000);

  it("a host taken down: one host_down, one host_back, and its stream follows again", async () => {
    const { monitor, sent } = monitorWith();
    expect(await monitor.start()).toBe(true);
    try {
      await coveredAll(monitor);
      await fake.hosts[1]!.down();
      await until(
        async () => sent,
        (s) => s.some((n) => n.type === "host_down"),
        20_000,
        100,
      );
      await new Promise((r) => setTimeout(r, 3000)); // its stream retries while it stays down: still one notification
      await fake.hosts[1]!.up();
      await until(
        async () => sent,
        (s) => s.some((n) => n.type === "host_back"),
        30_000,
        100,
      );
      await coveredAll(monitor);
      expect(sent.filter((n) => n.type === "host_down").map((n) => n.host)).toEqual(["beta"]);
      expect(sent.filter((n) => n.type === "host_back").map((n) => n.host)).toEqual(["beta"]);
      expect(sent.filter((n) => n.type === "exited")).toEqual([]);
    } finally {
      await monitor.stop();
    }
  }, 90_000);

  it("a session started on a host while the monitor runs is followed too (the stream hears the session come), still over one connection", async () => {
    const { monitor, sent } = monitorWith();
    expect(await monitor.start()).toBe(true);
    try {
      await coveredAll(monitor);
      const before = connections("alpha");
      const s = stream(monitor, "alpha");
      const starts = s.stats.starts;
      expect((await t.wingman.spawn({ session: "rc", workdir: work, host: "alpha" }, OWNER)).ok).toBe(true);
      await until(
        () => t.wingman.status("rc"),
        (vs) => vs[0]?.state === "idle" && monitor.watches!.covers(vs[0]),
        20_000,
        100,
      );
      expect(s.stats.starts).toBeGreaterThan(starts);
      const mark = sent.length;
      expect((await t.wingman.send("rc", "ASK", {}, OWNER)).ok).toBe(true);
      await asked(sent, "rc", mark);
      await approve("rc");
      expect(connections("alpha")).toBe(before);
    } finally {
      await monitor.stop();
      await t.wingman.kill("rc", OWNER).catch(() => {});
    }
  }, 60_000);

  it("a busy pane's output is coalesced: wake-ups stay at the gate's rate however much it draws", async () => {
    const alpha = t.wingman.fleet.get("alpha").remote!;
    await alpha.newSession({
      name: "busy",
      workdir: "/",
      argv: ["sh", "-c", "while :; do date +%s%N; sleep 0.01; done"],
      width: 80,
      height: 24,
    });
    const hints: HostHint[] = [];
    const w = alpha.watch!((h) => hints.push(h)) as HostStream;
    try {
      w.follow(["busy"]);
      // The stream attaches every session on alpha (ra too), each by its own control client, in no set order:
      // the window starts once all of them are attached, so that no attach's one look falls inside it.
      const names = [...new Set((await alpha.listPanes()).map((p) => p.session))];
      expect(names).toContain("busy");
      await until(async () => names.every((n) => w.covers(n)), Boolean, 15_000, 50);
      const h0 = hints.length;
      const o0 = w.stats.outputLines;
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, 4000));
      const secs = (Date.now() - t0) / 1000;
      const got = hints.slice(h0);
      const lines = w.stats.outputLines - o0;
      // A burst of 4, then at most 2 a second (the old poll's rate), each naming the busy session only.
      expect(got.length).toBeLessThanOrEqual(4 + Math.ceil(secs * 2) + 1);
      expect(got.length).toBeGreaterThan(0);
      // Listed, not counted, so that a stray hint shows its kind and sessions in the failure (CI once saw ra's
      // attach here, when the window started as soon as busy alone was attached).
      expect(got.filter((h) => !(h.why === "output" && h.sessions?.join() === "busy"))).toEqual([]);
      expect(lines).toBeGreaterThan(got.length * 3);
    } finally {
      await w.close();
      await alpha.killSession("busy");
    }
  }, 60_000);
});

/** Live processes of a process group (the stream's processes on a fake host are visible from here). */
async function inGroup(pgid: number): Promise<number[]> {
  const out: number[] = [];
  for (const f of await readdir("/proc")) {
    if (!/^\d+$/.test(f)) continue;
    const stat = await readFile(`/proc/${f}/stat`, "utf8").catch(() => "");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (stat && fields[0] !== "Z" && Number(fields[2]) === pgid) out.push(Number(f));
  }
  return out;
}

/** The tmux clients attached on a host's Wingman server ("" when none). */
async function clientsOn(host: RemoteHost): Promise<string> {
  await host.ready();
  const r = await (host as unknown as { conn: { run(a: string[]): Promise<{ stdout: string }> } }).conn.run([
    "tmux",
    "-u",
    "-S",
    `${host.agentDir}/tmux.sock`,
    "list-clients",
    "-F",
    "#{client_pid}",
  ]);
  return r.stdout.trim();
}
