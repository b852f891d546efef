// What running every remote program through the shell-independent line (src/hosts/ssh/remote-command.ts)
// costs per call, beside the POSIX single-quoted line it replaced, in the same run, over one ControlMaster to a
// fake host (real OpenSSH + sshd -i, devkit/fake-ssh-host.ts; its login shell is bash).
//
//   plain argv      `tmux -V`: no value holds a `%`, so the decoder only runs `exec "$@"`
//   script argv     `sh -c <a 10-line script with quotes, \n, %s> sh <a value with \u001d>`: one awk decodes
//
//   node bench/remote-command.ts [TRIALS]     (default 40; needs root and openssh-server)
import { execa } from "execa";
import { fakeSshHosts, fakeSshUnavailable } from "../devkit/fake-ssh-host.ts";
import { remoteCommand } from "../src/hosts/ssh/remote-command.ts";
import { stats } from "./common.ts";

const trials = Number(process.argv[2] ?? 40);
const why = await fakeSshUnavailable();
if (why) {
  console.error(`bench/remote-command: fake SSH hosts cannot run here: ${why}`);
  process.exit(1);
}
const fake = await fakeSshHosts(["bench"]);
const alias = fake.hosts[0]!.alias;
// The options Wingman's connection uses (src/hosts/ssh/connection.ts), with its own control socket here.
const base = [
  "-F",
  fake.sshConfig,
  "-o",
  "BatchMode=yes",
  "-o",
  "ControlMaster=auto",
  "-o",
  `ControlPath=${fake.root}/cm-%C`,
  "-o",
  "ControlPersist=60",
];

/** The line as it was built before: POSIX single quotes for the login shell. */
const posixLine = (argv: string[]) =>
  argv.map((s) => (/^[A-Za-z0-9_./=:@%+,-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`)).join(" ");
const SCRIPT = `dir=$1; mark=$2; shift 2
for f in "$dir"/*.json; do
  [ -f "$f" ] || continue
  printf '%s%s%s\\n' "$mark" "\${f##*/}" "$mark"; cat -- "$f"
done
rc=0; if [ $# -gt 0 ]; then "$@"; rc=$?; fi
exit $rc`;
const cases: Array<[string, string[]]> = [
  ["plain argv (tmux -V)", ["tmux", "-V"]],
  ["script argv (sh -c SCRIPT …)", ["sh", "-c", SCRIPT, "sh", "/nonexistent", "\u001dab12\u001d", "tmux", "-V"]],
];

const ssh = (line: string) => execa("ssh", [...base, "-T", "--", alias, line], { reject: false });
try {
  await ssh("true"); // opens the ControlMaster
  for (const [label, argv] of cases) {
    const old = posixLine(argv);
    const now = remoteCommand(argv);
    const a = await ssh(old);
    const b = await ssh(now);
    if (a.stdout !== b.stdout) throw new Error(`${label}: the two lines printed different output`);
    const before: number[] = [];
    const after: number[] = [];
    for (let i = 0; i < trials; i++) {
      // Alternate, so load on the shared machine falls on both sides alike.
      for (const [line, into] of [
        [old, before],
        [now, after],
      ] as const) {
        const t0 = performance.now();
        await ssh(line);
        into.push(performance.now() - t0);
      }
    }
    const s0 = stats(before);
    const s1 = stats(after);
    console.log(
      `  ${label.padEnd(30)} line ${String(old.length).padStart(4)} → ${String(now.length).padStart(4)} bytes | POSIX-quoted p50 ${s0.p50.toFixed(1)} ms p95 ${s0.p95.toFixed(1)} ms | shell-independent p50 ${s1.p50.toFixed(1)} ms p95 ${s1.p95.toFixed(1)} ms (n=${s1.n})`,
    );
  }
} finally {
  await ssh("true").then(() => execa("ssh", [...base, "-O", "exit", "--", alias], { reject: false }));
  await fake.cleanup();
}
