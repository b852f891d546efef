// Security: the remote login shell never parses a value. ssh hands the remote user's login shell one command
// line; POSIX single quotes are not safe in every shell (fish reads `\'` inside them as an escape, so a value
// could close its quotes and run the rest). The fake host here has fish as root's login shell (a copy of
// /etc/passwd bind-mounted in its namespace); the stand-in agent plays Claude Code there.
//   the host's login shell is fish                                                   → `echo $FISH_VERSION` over plain ssh prints fish's version (the rig is what it says)
//   spawn in a folder named with \' $(…) `…` ; " % ! * (no newline)                  → the spawn works; the record's folder and the agent's working folder are exactly that one; nothing in the name ran (no PWNED file)
//   a follow-up holding \' $(…) `…` and a trailing ;                                 → reaches the agent byte-exact, nothing ran
//   wingman hosts on that host                                                       → reachable, with its tmux version and the agent's version
//   kill                                                                             → the session is gone there
//   any argv (every byte value 1–255 as text, quotes, \', %XX look-alikes, empty, -n, =x) as the line for dash, bash and fish → each runs exactly that argv
import { execFile } from "node:child_process";
import { mkdir, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteCommand } from "../../src/hosts/ssh/remote-command.js";
import { type FakeSshHosts, fakeSshHosts, fakeSshUnavailable } from "../../devkit/fake-ssh-host.js";
import { OWNER, STANDIN, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { standinPrompts, until } from "../../devkit/wait.js";
import { say } from "../../devkit/say.js";

const run = promisify(execFile);
const FISH = "/usr/bin/fish";

/** Every file or folder under `dir` whose name starts with PWNED (what the injected commands would make). */
async function pwned(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true }).catch(() => [] as string[]))
    if (/(^|\/)PWNED/.test(String(e))) out.push(String(e));
  return out;
}

describe("a remote host whose login shell is fish (real OpenSSH + tmux fake host, stand-in agent)", () => {
  let fake: FakeSshHosts;
  let t: TempWingman;
  let folder: string;
  const log = () => join(fake.root, "prompts.log");

  beforeAll(async () => {
    const why = await fakeSshUnavailable();
    if (why) throw new Error(`these tests need fake SSH hosts: ${why}`);
    await run(FISH, ["--version"]).catch(() => {
      throw new Error(`${FISH} is missing (apt-get install fish)`);
    });
    fake = await fakeSshHosts(["fishy"], { loginShell: { fishy: FISH } });
    t = await tempWingman({
      config: {
        hosts: {
          fishy: {
            ssh: fake.hosts[0]!.alias,
            sshConfig: fake.sshConfig,
            claudeCommand: STANDIN,
            env: { STANDIN_LOG: log() },
          },
        },
      },
    });
    // /tmp is shared with the fake host (only /root is its own), so the folder is the same path on both sides.
    folder = join(fake.root, `q\\'x "dq" $(touch PWNED1) \`touch PWNED2\`; touch PWNED3; 100% !bang *`);
    await mkdir(folder);
  }, 60_000);

  afterAll(async () => {
    await t?.wingman.fleet.close();
    await t?.cleanup();
    await fake?.cleanup();
  });

  it("the rig: plain ssh to the host runs fish", async () => {
    const { stdout } = await run("ssh", ["-F", fake.sshConfig, fake.hosts[0]!.alias, "echo fish=$FISH_VERSION"]);
    expect(stdout.trim()).toMatch(/^fish=3\./);
  });

  it("spawn in a folder named with \\' $(…) `…` ; → works, in exactly that folder, and nothing in the name ran", async () => {
    const r = await t.wingman.spawn({ session: "f1", workdir: folder, host: "fishy" }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const [v] = await until(
      () => t.wingman.status("f1"),
      (vs) => vs[0]?.state === "idle",
      15_000,
    );
    expect(v).toMatchObject({ name: "f1", host: "fishy", workdir: folder, state: "idle" });
    const rec = (await t.wingman.readRegistry()).sessions.f1!;
    expect(rec.workdir).toBe(folder);
    // The agent runs on the fake host, which shares this machine's process table: its working folder is the one.
    expect(await readlink(`/proc/${rec.panePid}/cwd`)).toBe(folder);
    expect(await pwned(fake.root)).toEqual([]);
  });

  it("a follow-up holding \\' $(…) `…` and a trailing ; reaches the agent byte-exact", async () => {
    const text = `it\\'s $(touch PWNED4) \`touch PWNED5\` 100% !x;`;
    expect((await t.wingman.send("f1", text, {}, OWNER)).ok).toBe(true);
    expect(
      await until(
        () => standinPrompts(log()),
        (p) => p.length > 0,
      ),
    ).toEqual([text]);
    expect(await pwned(fake.root)).toEqual([]);
  });

  it("hosts: reachable through fish, with tmux's and the agent's versions", async () => {
    const h = (await t.wingman.hosts()).find((x) => x.name === "fishy");
    expect(h).toMatchObject({ name: "fishy", reachable: true });
    expect(h!.tmuxVersion).toMatch(/^tmux 3\./);
  });

  it("kill: the session is gone there", async () => {
    expect((await t.wingman.kill("f1", OWNER)).ok).toBe(true);
    const host = t.wingman.fleet.get("fishy");
    expect(await host.panes.hasSession("f1")).toBe(false);
    expect(await pwned(fake.root)).toEqual([]);
  });
});

describe("remoteCommand: the same argv whatever shell parses the line", () => {
  const values = [
    Array.from({ length: 255 }, (_, i) => String.fromCharCode(i + 1)).join(""),
    `q\\'x "dq" $(touch PWNED) \`touch PWNED\`; x`,
    "%41 %zz % %%",
    "",
    "-n",
    "=r1:0.0",
    "ünïcödé ✓ 🚀",
    "line1\nline2\n",
    "end;",
  ];
  for (const shell of ["/usr/bin/dash", "/usr/bin/bash", FISH]) {
    it(`${shell} -c <line> runs exactly the argv`, async () => {
      const argv = [process.execPath, "-e", "process.stdout.write(JSON.stringify(process.argv.slice(1)))", ...values];
      const { stdout } = await run(shell, ["-c", remoteCommand(argv)], { cwd: "/tmp" });
      expect(JSON.parse(stdout)).toEqual(values);
    });
  }
});
