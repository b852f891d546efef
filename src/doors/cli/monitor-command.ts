// `wingman monitor`: the monitor in the foreground. Notifications go to stdout (text, or one JSON object
// per line with --json) and, with --notify-command PROGRAM, to PROGRAM's standard input (no shell, no
// arguments: the program is run directly, once per notification).
import { parseArgs } from "node:util";
import { commandNamed, parseOptionsOf } from "./commands.js";
import { execa } from "execa";
import { Monitor } from "../../core/monitor/monitor.js";
import { consoleLogger, type Notification, type Notifier } from "../../api/notify.js";
import type { WingmanCore } from "../../core/wingman.js";
import { describeNotification } from "../../format/notify.js";
import { terminalJson } from "../../format/printable.js";
import { onStopSignal } from "./signals.js";

export function stdoutNotifier(opts: { json: boolean; command?: string }): Notifier {
  return {
    async send(n: Notification) {
      const line = terminalJson(n);
      process.stdout.write(opts.json ? `${line}\n` : `${n.text}\n\n`);
      if (opts.command) {
        const r = await execa(opts.command, [], { input: `${line}\n`, reject: false, timeout: 30_000 });
        if (r.exitCode !== 0) throw new Error(`notify command exited ${r.exitCode}: ${String(r.stderr).slice(0, 200)}`);
      }
    },
  };
}

export async function runMonitorCommand(w: WingmanCore, rest: string[]): Promise<number> {
  let values: { json?: boolean; "notify-command"?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: parseOptionsOf(commandNamed("monitor")!),
      strict: true,
    }) as { values: typeof values });
  } catch (e) {
    process.stderr.write(`wingman: ${(e as Error).message.split("\n")[0]}\n`);
    return 2;
  }
  const notifier = stdoutNotifier({ json: !!values.json, command: values["notify-command"] });
  const monitor = new Monitor({
    describe: describeNotification,
    wingman: w,
    notifier,
    config: w.config,
    logger: consoleLogger,
  });
  if (!(await monitor.start())) {
    const pid = await import("node:fs/promises")
      .then((fs) => fs.readFile(`${w.stateDir}/monitor.lock`, "utf8"))
      .catch(() => "?");
    process.stderr.write(
      `wingman: a monitor is already running for ${w.stateDir} (pid ${String(pid).trim().split(" ")[0]})\n`,
    );
    return 1;
  }
  consoleLogger.info(`monitor watching ${w.stateDir} (Ctrl-C to stop)`);
  const stop = onStopSignal();
  try {
    await stop.stopped;
    await monitor.stop();
  } finally {
    stop.dispose();
  }
  return 0;
}
