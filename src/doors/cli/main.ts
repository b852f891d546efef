// The `wingman` CLI: parse argv, call the core, print. Exit 0 on success, 2 on a usage error, 1 on a
// refusal or failure, with one clear line on stderr (contract.md "Commands and exit codes").
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { classifyScreen } from "../../agents/claude-code/screen.js";
import { ConfigError, resolveConfig } from "../../config.js";
import { type Intent, parseCommand } from "../phrases/grammar.js";
import type { Actor, Outcome, RespondRequest, SessionView } from "../../api/types.js";
import { createWingman, type Wingman } from "../../core/wingman.js";
import { consoleLogger } from "../../api/notify.js";
import { formatDashboard } from "../../format/dashboard.js";
import { formatDetail } from "../../format/detail.js";
import { runMonitorCommand } from "./monitor-command.js";
import { loadCliConfig } from "./config-file.js";

const HELP = `wingman: run Claude Code sessions in tmux and answer their prompts

  wingman spawn --session NAME --workdir DIR [--prompt TEXT]
  wingman send NAME TEXT… [--force]
  wingman status [NAME] [--json]
  wingman output NAME [--lines N]
  wingman approve NAME [ID] [--confirm]
  wingman always NAME [ID]
  wingman deny NAME [ID] [--reason TEXT]
  wingman trust NAME
  wingman answer NAME [ID] CHOICE…|TEXT
  wingman kill NAME
  wingman attach NAME
  wingman history [--json]
  wingman audit [--json]
  wingman monitor [--json] [--notify-command PROGRAM]
  wingman inspect-screen FILE|-

Exit codes: 0 ok, 1 refused or failed, 2 usage error. State: $WINGMAN_STATE_DIR (see README).`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
    process.stdout.write(`${HELP}\n`);
    return cmd ? 0 : 2;
  }
  try {
    if (cmd === "inspect-screen") return await inspectScreen(rest);
    let config: ReturnType<typeof resolveConfig>;
    try {
      config = resolveConfig(await loadCliConfig());
    } catch (e) {
      if (e instanceof ConfigError) return fail(e.message);
      throw e;
    }
    const wingman = createWingman({ config, logger: consoleLogger });
    const actor: Actor = { id: `cli:${safeUser()}`, channel: "cli", authorized: true };
    switch (cmd) {
      case "spawn":
        return await spawn(wingman, rest, actor);
      case "send":
        return await send(wingman, rest, actor);
      case "status":
        return await status(wingman, rest, actor);
      case "output":
        return await output(wingman, rest);
      case "approve":
      case "always":
      case "deny":
      case "trust":
        return await answerAction(wingman, cmd, rest, actor);
      case "answer":
        return await answer(wingman, rest, actor);
      case "kill":
        return await kill(wingman, rest, actor);
      case "attach":
        return await attach(wingman, rest);
      case "history":
        return await history(wingman, rest);
      case "audit":
        return await audit(wingman, rest);
      case "monitor":
        return await runMonitorCommand(wingman, rest);
      default:
        throw new UsageError(`unknown command "${cmd.slice(0, 40)}": run \`wingman help\``);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wingman: ${e.message}\n`);
      return 2;
    }
    if (e instanceof Error && "code" in e && (e as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      process.stderr.write(`wingman: ${e.message.split("\n")[0]}\n`);
      return 2;
    }
    return fail(e instanceof Error ? e.message : String(e));
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "user";
  }
}

function fail(message: string): number {
  process.stderr.write(`wingman: ${message.split("\n")[0]}\n`);
  return 1;
}

function report(o: Outcome<unknown>): number {
  if (o.ok) {
    process.stdout.write(`${o.message}\n`);
    return 0;
  }
  if (o.error === "usage") {
    process.stderr.write(`wingman: ${o.message}\n`);
    return 2;
  }
  process.stderr.write(`wingman: ${o.message}\n`);
  return 1;
}

function args(rest: string[], options: ParseArgsOptionsConfig = {}) {
  try {
    return parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split("\n")[0]! : String(e));
  }
}

function need(v: string | undefined, what: string): string {
  if (v === undefined || v === "") throw new UsageError(`missing ${what}: run \`wingman help\``);
  return v;
}

async function spawn(w: Wingman, rest: string[], actor: Actor) {
  const a = args(rest, { session: { type: "string" }, workdir: { type: "string" }, prompt: { type: "string" } });
  const session = need((a.values.session as string | undefined) ?? a.positionals[0], "--session NAME");
  const workdir = need((a.values.workdir as string | undefined) ?? a.positionals[1], "--workdir DIR");
  const prompt = (a.values.prompt as string | undefined) ?? (a.positionals.length > 2 ? a.positionals.slice(2).join(" ") : undefined);
  return report(await w.spawn({ session, workdir, prompt }, actor));
}

async function send(w: Wingman, rest: string[], actor: Actor) {
  const a = args(rest, { force: { type: "boolean" } });
  const [name, ...text] = a.positionals;
  need(name, "NAME");
  if (!text.length) throw new UsageError("missing TEXT: wingman send NAME TEXT…");
  return report(await w.send(name!, text.join(" "), { force: !!a.values.force }, actor));
}

async function status(w: Wingman, rest: string[], actor: Actor) {
  const a = args(rest, { json: { type: "boolean" } });
  const [name] = a.positionals;
  let views: SessionView[];
  try {
    views = await w.status(name);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  // What the person was shown: an id-less answer from this terminal now means these prompts.
  await w.markShown(
    actor,
    views.filter((v) => v.pending).map((v) => ({ session: v.name, id: v.pending!.id })),
  );
  if (a.values.json) {
    process.stdout.write(`${JSON.stringify({ sessions: views }, null, 2)}\n`);
    return 0;
  }
  const now = new Date();
  const text =
    name && views[0] ? formatDetail(views[0], { now, style: "terminal" }) : formatDashboard(views, { style: "terminal", now });
  process.stdout.write(`${text}\n`);
  return 0;
}

async function output(w: Wingman, rest: string[]) {
  const a = args(rest, { lines: { type: "string" } });
  const name = need(a.positionals[0], "NAME");
  const lines = a.values.lines === undefined ? 40 : Number(a.values.lines);
  if (!Number.isInteger(lines) || lines < 1) throw new UsageError("--lines takes a whole number");
  return report(await w.output(name, lines));
}

/**
 * approve / always / deny / trust / answer go through the one chat grammar, so a phrase means the same
 * in the terminal as on the phone; --reason and --confirm are the CLI's spelling of its trailing words.
 */
async function answerAction(w: Wingman, verb: "approve" | "always" | "deny" | "trust", rest: string[], actor: Actor) {
  const a = args(rest, { reason: { type: "string" }, confirm: { type: "boolean" } });
  const words = [verb, ...a.positionals];
  if (verb === "approve" && a.values.confirm) words.push("confirm");
  const reason = a.values.reason as string | undefined;
  if (reason !== undefined && verb !== "deny") throw new UsageError("--reason goes with deny");
  const intent = parseIntent(words.join(" "));
  if (intent.verb !== verb) throw new UsageError(`expected ${verb}: run \`wingman help\``);
  const req: RespondRequest = { session: intent.session, action: verb };
  if ("id" in intent && intent.id) req.id = intent.id;
  if (intent.verb === "approve") req.confirm = intent.confirm;
  if (intent.verb === "deny") req.reason = reason ?? intent.reason;
  return report(await w.respond(req, actor));
}

async function answer(w: Wingman, rest: string[], actor: Actor) {
  const a = args(rest);
  const intent = parseIntent(["answer", ...a.positionals.map((p) => (/\s/.test(p) ? JSON.stringify(p) : p))].join(" "));
  if (intent.verb !== "answer") throw new UsageError("usage: wingman answer NAME [ID] CHOICE…|TEXT");
  return report(
    await w.respond(
      { session: intent.session, action: "answer", id: intent.id, choices: intent.choices ?? undefined, text: intent.text },
      actor,
    ),
  );
}

function parseIntent(phrase: string): Intent {
  const r = parseCommand(phrase);
  // An invalid name is a refusal (exit 1) as everywhere else; other parse errors are usage errors (exit 2).
  if (!r.ok && /invalid session name/.test(r.error)) throw new Error(r.error);
  if (!r.ok) throw new UsageError(r.suggestion ? `${r.error} (try: ${r.suggestion})` : r.error);
  return r.intent;
}

async function kill(w: Wingman, rest: string[], actor: Actor) {
  const name = need(args(rest).positionals[0], "NAME");
  return report(await w.kill(name, actor));
}

async function attach(w: Wingman, rest: string[]) {
  const name = need(args(rest).positionals[0], "NAME");
  const views = await w.status(name).catch(() => []);
  if (!views.length) return fail(`no session ${name}: \`wingman status\` lists sessions`);
  const argv = w.tmux.attachArgv(name);
  if (!process.stdout.isTTY) {
    process.stdout.write(`${argv.map(shellWord).join(" ")}\n`);
    return 0;
  }
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: "inherit" });
  return r.status ?? 1;
}

/** For display only (the attach line a person copies): quote what a shell would split. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

async function history(w: Wingman, rest: string[]) {
  const a = args(rest, { json: { type: "boolean" } });
  const h = await w.history();
  if (a.values.json) {
    process.stdout.write(`${JSON.stringify(h, null, 2)}\n`);
    return 0;
  }
  if (!h.sessions.length) {
    process.stdout.write("No sessions yet.\n");
    return 0;
  }
  for (const s of h.sessions) {
    const dur = s.durationMs !== undefined ? `${Math.round(s.durationMs / 60000)} min` : "running";
    process.stdout.write(`${s.createdAt.slice(0, 16).replace("T", " ")}  ${s.name}  ${dur}  ${s.outcome}  ${s.approvals} approvals  ${s.workdir}\n`);
  }
  return 0;
}

async function audit(w: Wingman, rest: string[]) {
  const a = args(rest, { json: { type: "boolean" } });
  const entries = await w.audit();
  if (a.values.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  if (!entries.length) process.stdout.write("No answers recorded yet.\n");
  for (const e of entries) {
    process.stdout.write(`${e.at}  ${e.channel}:${e.actor}  ${e.session}  ${e.action}${e.promptId ? ` ${e.promptId}` : ""}  ${e.outcome}  ${e.message}\n`);
  }
  return 0;
}

async function inspectScreen(rest: string[]) {
  const a = args(rest);
  const src = need(a.positionals[0], "FILE (or - for standard input)");
  let text: string;
  try {
    text = src === "-" ? await readStdin() : await readFile(src, "utf8");
  } catch (e) {
    return fail(`cannot read ${src}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = classifyScreen(text);
  const out = { state: r.state, detail: r.detail, prompt: r.prompt, ...(r.stateReason ? { stateReason: r.stateReason } : {}) };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
