// The `wingman` CLI: argv parsed per command (no re-joined phrase), turned into the same Request every
// front door builds (doors/phrases/requests.ts), carried out through the core, printed. Exit 0 on success,
// 2 on a usage error, 1 on a refusal or failure, with one clear line on stderr (README "CLI reference");
// the exit code comes from the result's error code.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { agentByWord, agentIds, DEFAULT_AGENT } from "../../agents/index.js";
import { consoleLogger } from "../../api/notify.js";
import type { Actor } from "../../api/types.js";
import { ConfigError, resolveConfig } from "../../config.js";
import { isPromptId } from "../../core/store/names.js";
import { createWingman, type WingmanCore } from "../../core/wingman.js";
import { helpFor } from "../phrases/grammar.js";
import { replyText } from "../phrases/replies.js";
import { exitCodeOf, perform, type Request, type Result } from "../phrases/requests.js";
import { loadCliConfig } from "./config-file.js";
import { runMonitorCommand } from "./monitor-command.js";

const HELP = `wingman: run Claude Code sessions in tmux and answer their prompts

  wingman spawn --session NAME --workdir DIR [--prompt TEXT] [--agent claude-code|codex]
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
  wingman inspect-screen [--agent NAME] FILE|-

Exit codes: 0 ok, 1 refused or failed, 2 usage error. State: $WINGMAN_STATE_DIR (see README).
Help on one command: wingman CMD --help`;

class UsageError extends Error {}

/** Each command's options; a command not listed takes positionals only. */
const OPTIONS: Record<string, ParseArgsOptionsConfig> = {
  spawn: { session: { type: "string" }, workdir: { type: "string" }, prompt: { type: "string" }, agent: { type: "string" } },
  send: { force: { type: "boolean" } },
  status: { json: { type: "boolean" } },
  output: { lines: { type: "string" } },
  approve: { confirm: { type: "boolean" } },
  deny: { reason: { type: "string" } },
  history: { json: { type: "boolean" } },
  audit: { json: { type: "boolean" } },
};

/** The grammar verb a command's help comes from (the same table the chat help is made of). */
const HELP_TOPIC: Record<string, string> = { send: "tell" };

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
    process.stdout.write(`${HELP}\n`);
    return cmd ? 0 : 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    const topic = HELP_TOPIC[cmd] ?? cmd;
    process.stdout.write(`${helpFor({ topic }, "wingman ")}\n`);
    return 0;
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
    if (cmd === "monitor") return await runMonitorCommand(wingman, rest);
    if (cmd === "attach") return await attach(wingman, rest);
    const { request, json } = requestFromArgv(cmd, rest);
    return print(await perform(wingman, request, actor), json);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wingman: ${e.message}\n`);
      return 2;
    }
    return fail(e instanceof Error ? e.message : String(e));
  }
}

/** argv → the Request the core carries out, per command. */
export function requestFromArgv(cmd: string, rest: string[]): { request: Request; json: boolean } {
  if (!(cmd in OPTIONS) && !["trust", "answer", "kill", "always"].includes(cmd)) {
    throw new UsageError(`unknown command "${cmd.slice(0, 40)}": run \`wingman help\``);
  }
  const a = args(rest, OPTIONS[cmd] ?? {});
  const v = a.values as Record<string, string | boolean | undefined>;
  const pos = a.positionals;
  const json = v.json === true;
  switch (cmd) {
    case "spawn": {
      const session = need((v.session as string | undefined) ?? pos[0], "--session NAME");
      const workdir = need((v.workdir as string | undefined) ?? pos[1], "--workdir DIR");
      const prompt = (v.prompt as string | undefined) ?? (pos.length > 2 ? pos.slice(2).join(" ") : undefined);
      const agent = v.agent === undefined ? undefined : agentNamed(v.agent as string).id;
      return { request: { op: "spawn", req: { session, workdir, prompt, ...(agent ? { agent } : {}) } }, json };
    }
    case "send": {
      const [name, ...text] = pos;
      need(name, "NAME");
      if (!text.length) throw new UsageError("missing TEXT: wingman send NAME TEXT…");
      return { request: { op: "send", session: name!, text: text.join(" "), force: v.force === true }, json };
    }
    case "status":
      if (pos.length > 1) throw new UsageError("status takes at most one NAME");
      return { request: { op: "status", session: pos[0] }, json };
    case "output": {
      const lines = v.lines === undefined ? 40 : Number(v.lines);
      if (!Number.isInteger(lines) || lines < 1) throw new UsageError("--lines takes a whole number");
      return { request: { op: "output", session: need(pos[0], "NAME"), lines }, json };
    }
    case "approve": {
      const { session, id, extra } = nameAndId(pos, "approve NAME [ID] [--confirm]");
      const confirm = v.confirm === true || (extra.length === 1 && extra[0]!.toLowerCase() === "confirm");
      if (extra.length > (v.confirm === true ? 0 : 1) || (extra.length === 1 && !confirm)) {
        throw new UsageError(`unexpected "${extra.join(" ")}": wingman approve NAME [ID] [--confirm]`);
      }
      return { request: { op: "respond", req: { session, action: "approve", id, confirm } }, json };
    }
    case "always":
    case "trust": {
      const { session, id, extra } = nameAndId(pos, cmd === "trust" ? "trust NAME" : "always NAME [ID]");
      if (extra.length) throw new UsageError(`unexpected "${extra.join(" ")}": wingman ${cmd === "trust" ? "trust NAME" : "always NAME [ID]"}`);
      if (cmd === "trust" && id) throw new UsageError("trust takes no id: wingman trust NAME");
      return { request: { op: "respond", req: { session, action: cmd, id } }, json };
    }
    case "deny": {
      const { session, id, extra } = nameAndId(pos, "deny NAME [ID] [--reason TEXT]");
      const reason = (v.reason as string | undefined) ?? (extra.length ? extra.join(" ") : undefined);
      return { request: { op: "respond", req: { session, action: "deny", id, reason } }, json };
    }
    case "answer": {
      const { session, id, extra } = nameAndId(pos, "answer NAME [ID] CHOICE…|TEXT");
      if (!extra.length) throw new UsageError("answer needs a choice or some text: wingman answer NAME [ID] CHOICE…|TEXT");
      // Only numbers (`2`, `1 3`, `1,3`) are choices; anything else is free text (or a whole label, matched by the agent).
      const parts = extra.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean);
      const choices = parts.every((x) => /^\d+$/.test(x)) ? parts : undefined;
      return { request: { op: "respond", req: { session, action: "answer", id, choices, text: extra.join(" ") } }, json };
    }
    case "kill":
      return { request: { op: "kill", session: need(pos[0], "NAME") }, json };
    case "history":
      return { request: { op: "history", limit: 20 }, json };
    case "audit":
      return { request: { op: "audit", limit: 50 }, json };
  }
  throw new UsageError(`unknown command "${cmd.slice(0, 40)}": run \`wingman help\``);
}

/** NAME, then an optional prompt id (4 characters, with a digit: no English word is read as one), then the rest. */
function nameAndId(pos: string[], usage: string): { session: string; id?: string; extra: string[] } {
  const session = need(pos[0], `NAME: wingman ${usage}`);
  const second = pos[1];
  if (second !== undefined && isPromptId(second.toLowerCase())) return { session, id: second.toLowerCase(), extra: pos.slice(2) };
  return { session, extra: pos.slice(1) };
}

function print(r: Result, json: boolean): number {
  if (json) {
    const body = !r.ok
      ? { ok: false, error: r.error, message: r.message }
      : r.op === "status"
        ? { sessions: r.views }
        : r.op === "history"
          ? { entries: r.entries, sessions: r.sessions }
          : r.op === "audit"
            ? r.entries
            : r.op === "act"
              ? { ok: true, message: r.message, data: r.data }
              : r;
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    if (!r.ok) process.stderr.write(`wingman: ${r.message.split("\n")[0]}\n`);
    return exitCodeOf(r);
  }
  if (!r.ok) {
    process.stderr.write(`wingman: ${r.message.split("\n")[0]}\n`);
    return exitCodeOf(r);
  }
  process.stdout.write(`${replyText(r, { style: "terminal", prefix: "wingman " })}\n`);
  return 0;
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

async function attach(w: WingmanCore, rest: string[]) {
  const name = need(args(rest).positionals[0], "NAME");
  const views = await w.status(name).catch(() => []);
  if (!views.length) return fail(`no session ${name}: \`wingman status\` lists sessions`);
  const argv = w.attachArgv(name);
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

/** An agent by its id or word (`codex`, `claude`), or a usage error listing the ones there are. */
function agentNamed(word: string) {
  const agent = agentByWord(word);
  if (!agent) throw new UsageError(`unknown agent "${word.slice(0, 40)}": one of ${agentIds().join(", ")}`);
  return agent;
}

async function inspectScreen(rest: string[]) {
  const a = args(rest, { agent: { type: "string" } });
  const agent = agentNamed((a.values.agent as string | undefined) ?? DEFAULT_AGENT);
  const src = need(a.positionals[0], "FILE (or - for standard input)");
  let text: string;
  try {
    text = src === "-" ? await readStdin() : await readFile(src, "utf8");
  } catch (e) {
    return fail(`cannot read ${src}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = agent.classify(text);
  const out = { state: r.state, detail: r.detail, prompt: r.prompt, ...(r.stateReason ? { stateReason: r.stateReason } : {}) };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
