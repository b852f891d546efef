// `wingman web [--port P] [--bind ADDR]`: the live dashboard in a browser. Prints one URL (with a random
// token), serves until SIGINT/SIGTERM. Runs a monitor in this process only when no other monitor holds the
// state dir's lock (its notifications then reach the page through events.jsonl, and go nowhere else).
import { parseArgs } from "node:util";
import { commandNamed, parseOptionsOf } from "./commands.js";
import { consoleLogger, type Logger } from "../../api/notify.js";
import { Monitor } from "../../core/monitor/monitor.js";
import type { WingmanCore } from "../../core/wingman.js";
import { describeNotification } from "../../format/notify.js";
import { onStopSignal } from "./signals.js";
import { startWebServer } from "../web/server.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export async function runWebCommand(w: WingmanCore, rest: string[]): Promise<number> {
  let values: { port?: string; bind?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: parseOptionsOf(commandNamed("web")!),
      strict: true,
    }) as { values: typeof values });
  } catch (e) {
    process.stderr.write(`wingman: ${(e as Error).message.split("\n")[0]}\n`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write("wingman: --port must be a whole number from 0 to 65535 (0: any free port)\n");
    return 2;
  }
  const bind = values.bind ?? "127.0.0.1";
  if (!LOOPBACK.has(bind)) {
    process.stderr.write(
      `wingman: warning: serving on ${bind}, not only this machine: anyone who can reach it and has the URL's token can answer prompts; the page is plain HTTP (use a TLS proxy or an SSH tunnel)\n`,
    );
  }
  let web: WebDoor;
  try {
    web = await startWeb(w, { port, bind });
  } catch (e) {
    process.stderr.write(`wingman: cannot serve on ${bind}:${port}: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${web.url}\n`);
  consoleLogger.info(
    web.ownMonitor
      ? "web: running a monitor here as well (none was running)"
      : "web: following the running monitor's events",
  );
  const stop = onStopSignal();
  try {
    await stop.stopped;
    await web.close();
  } finally {
    stop.dispose();
  }
  return 0;
}

export interface WebDoor {
  url: string;
  token: string;
  /** True when this process runs the monitor (no other monitor held the lock). */
  ownMonitor: boolean;
  close(): Promise<void>;
}

/** The server and, when the monitor lock is free, a monitor: what `wingman web` runs (tests and the benchmark too). */
export async function startWeb(w: WingmanCore, o: { port: number; bind: string; logger?: Logger }): Promise<WebDoor> {
  const logger = o.logger ?? consoleLogger;
  const monitor = new Monitor({
    describe: describeNotification,
    wingman: w,
    notifier: { send: async () => {} },
    config: w.config,
    logger,
  });
  const ownMonitor = await monitor.start();
  try {
    const server = await startWebServer({ wingman: w, port: o.port, bind: o.bind, logger });
    return {
      url: server.url,
      token: server.token,
      ownMonitor,
      async close() {
        await server.close();
        if (ownMonitor) await monitor.stop();
      },
    };
  } catch (e) {
    if (ownMonitor) await monitor.stop();
    throw e;
  }
}
