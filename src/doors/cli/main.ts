// The `wingman` CLI: argv parsed per command (argv.ts, no re-joined phrase), turned into the same Request
// every front door builds (doors/phrases/requests.ts), carried out through the core, printed (output.ts).
// Exit 0 on success, 2 on a usage error, 1 on a refusal or failure, with one clear line on stderr (README
// "CLI reference"); the exit code comes from the result's error code. Help (help.ts) comes from the chat
// grammar's table; completion scripts (completion.ts) call back `wingman __complete sessions`.
import { spawnSync } from "node:child_process";
import { userInfo } from "node:os";
import { DEFAULT_AGENT } from "../../agents/index.js";
import { consoleLogger, silentLogger } from "../../api/notify.js";
import type { Actor } from "../../api/types.js";
import { ConfigError, resolveConfig } from "../../config.js";
import { createWingman, type WingmanCore } from "../../core/wingman.js";
import { terminalJson } from "../../format/printable.js";
import { agentNamed, args, need, readSource, requestFromArgv, shellWord, UsageError } from "./argv.js";
import { perform } from "../phrases/requests.js";
import { commandNamed, parseOptionsOf } from "./commands.js";
import { completionScript, SHELLS, type Shell } from "./completion.js";
import { ConfigFileError, loadCliConfig } from "./config-file.js";
import { commandHelp, overview } from "./help.js";
import { firstLine, type Out, printError, printResult, processOut } from "./output.js";
import { packageVersion } from "./version.js";
import { onStopSignal } from "./signals.js";
import { watchStatus } from "./watch.js";

export async function main(argv: string[], out: Out = processOut()): Promise<number> {
  const [cmd, ...rest] = argv;
  const json = rest.includes("--json");
  if (cmd === undefined) {
    // A bare `wingman` is a usage error: the help goes where errors go.
    out.stderr.write(`${overview(packageVersion())}\n`);
    return 2;
  }
  if (cmd === "--version" || cmd === "-V" || cmd === "version") {
    out.stdout.write(`${json ? JSON.stringify({ version: packageVersion() }) : `wingman ${packageVersion()}`}\n`);
    return 0;
  }
  if (cmd === "help" || cmd === "--help" || cmd === "-h") return help(rest.filter((x) => !x.startsWith("-"))[0], out);
  if (rest.includes("--help") || rest.includes("-h")) return help(cmd, out);
  if (cmd === "__complete") return complete(rest);
  if (cmd === "completion") return completion(rest, out);
  try {
    if (cmd === "inspect-screen") return await inspectScreen(rest, out);
    if (!commandNamed(cmd)) throw new UsageError(`unknown command "${cmd.slice(0, 40)}": run \`wingman help\``);
    const wingman = await open(out);
    if (typeof wingman === "number") return wingman;
    const actor: Actor = { id: `cli:${safeUser()}`, channel: "cli", authorized: true };
    // Loaded only when asked for: importing node:http (the web server) alone costs a cold `wingman status`
    // about 25 ms (Node loads its fetch implementation to list that module's exports).
    if (cmd === "monitor") return await (await import("./monitor-command.js")).runMonitorCommand(wingman, rest);
    if (cmd === "attach") return await attach(wingman, rest, out);
    if (cmd === "web") return await (await import("./web-command.js")).runWebCommand(wingman, rest);
    const parsed = await requestFromArgv(cmd, rest, readSource);
    if (parsed.watch && parsed.request.op === "status") {
      const stop = onStopSignal();
      try {
        return await watchStatus(wingman, actor, {
          session: parsed.request.session,
          intervalMs: parsed.watch.intervalMs,
          json: parsed.json,
          out,
          signal: stop.signal,
        });
      } finally {
        stop.dispose();
      }
    }
    return await printResult(wingman, parsed.request, await perform(wingman, parsed.request, actor), parsed.json, out);
  } catch (e) {
    if (e instanceof UsageError) return printError(out, "usage", e.message, json);
    return printError(out, "failed", e instanceof Error ? e.message : String(e), json);
  }
}

/** The core over the settings the host would use, with a warning for a host config it could not read. */
async function open(out: Out, quiet = false): Promise<WingmanCore | number> {
  try {
    const found = await loadCliConfig();
    if (!quiet) for (const w of found.warnings) out.stderr.write(`wingman: warning: ${w}\n`);
    const config = resolveConfig(found.config);
    return createWingman({ config, logger: quiet ? silentLogger : consoleLogger });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ConfigFileError) {
      if (!quiet) out.stderr.write(`wingman: ${firstLine(e.message)}\n`);
      return 1;
    }
    throw e;
  }
}

function help(topic: string | undefined, out: Out): number {
  if (!topic) {
    out.stdout.write(`${overview(packageVersion())}\n`);
    return 0;
  }
  const text = commandHelp(topic.toLowerCase());
  if (!text) {
    out.stderr.write(`wingman: no command "${topic.slice(0, 40)}": run \`wingman help\`\n`);
    return 2;
  }
  out.stdout.write(`${text}\n`);
  return 0;
}

function completion(rest: string[], out: Out): number {
  const shell = rest[0];
  if (!shell || !SHELLS.includes(shell as Shell) || rest.length > 1) {
    out.stderr.write(`wingman: completion takes one of ${SHELLS.join(", ")}: wingman completion bash\n`);
    return 2;
  }
  out.stdout.write(completionScript(shell as Shell));
  return 0;
}

/** `wingman __complete sessions`: session names from the registry, one a line; silent and exit 0 on any trouble. */
async function complete(rest: string[]): Promise<number> {
  if (rest[0] !== "sessions") return 0;
  try {
    const quiet: Out = { stdout: { write: () => true }, stderr: { write: () => true }, env: process.env };
    const w = await open(quiet, true);
    if (typeof w === "number") return 0;
    const names = [...(await w.knownSessions())].sort();
    if (names.length) process.stdout.write(`${names.join("\n")}\n`);
  } catch {
    // A completion never prints an error into the person's command line.
  }
  return 0;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "user";
  }
}

async function attach(w: WingmanCore, rest: string[], out: Out) {
  const name = need(args(rest, parseOptionsOf(commandNamed("attach")!)).positionals[0], "NAME");
  const views = await w.status(name).catch(() => []);
  if (!views.length)
    return printError(out, "not_found", `no session ${name}: \`wingman status\` lists sessions`, false);
  const argv = await w.attachArgv(name);
  if (!process.stdout.isTTY) {
    out.stdout.write(`${argv.map(shellWord).join(" ")}\n`);
    return 0;
  }
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: "inherit" });
  return r.status ?? 1;
}

async function inspectScreen(rest: string[], out: Out) {
  const a = args(rest, parseOptionsOf(commandNamed("inspect-screen")!));
  const agent = agentNamed((a.values.agent as string | undefined) ?? DEFAULT_AGENT);
  const src = need(a.positionals[0], "FILE (or - for standard input)");
  let text: string;
  try {
    text = await readSource(src);
  } catch (e) {
    return printError(out, "failed", `cannot read ${src}: ${e instanceof Error ? e.message : String(e)}`, false);
  }
  const r = agent.classify(text);
  const result = {
    state: r.state,
    detail: r.detail,
    prompt: r.prompt,
    ...(r.stateReason ? { stateReason: r.stateReason } : {}),
  };
  out.stdout.write(`${terminalJson(result, 2)}\n`);
  return 0;
}
