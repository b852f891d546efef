// Longer than 300 lines: one table-driven parser per command (options, positionals, --prompt-file), kept together so
// every command's argv rules read the same.
// argv → the Request the core carries out, per command (doors/phrases/requests.ts): no re-joined phrase,
// so a shell's quoting is what the person meant. Prompts can also come from a file or standard input
// (`--prompt-file FILE|-`), for texts too long or too multi-line for argv.
import { readFile } from "node:fs/promises";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { agentByWord, agentIds } from "../../agents/index.js";
import { isHostName } from "../../config.js";
import { isPromptId } from "../../core/store/names.js";
import type { Request } from "../phrases/requests.js";
import { commandNamed, parseOptionsOf } from "./commands.js";

export class UsageError extends Error {}

/** What the command line asked for, beyond the request itself. */
export interface Parsed {
  request: Request;
  json: boolean;
  watch?: { intervalMs: number };
}

export type ReadSource = (src: string) => Promise<string>;

/** A file's text, or standard input's for `-`. */
export const readSource: ReadSource = async (src) => (src === "-" ? readStdin() : readFile(src, "utf8"));

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A prompt as read from a file or stdin: CRLF (and a lone CR before LF) becomes LF, and the final line
 * breaks a file ends with are dropped (they are the file's, not the prompt's). Any other control character
 * is left for the core to refuse, naming its position.
 */
export function promptFromFileText(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/\n+$/, "");
}

async function promptFrom(src: string, read: ReadSource): Promise<string> {
  let text: string;
  try {
    text = await read(src);
  } catch (e) {
    throw new UsageError(
      `cannot read --prompt-file ${src === "-" ? "(standard input)" : src}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  const prompt = promptFromFileText(text);
  if (!prompt.trim()) throw new UsageError(`--prompt-file ${src === "-" ? "-" : src}: the prompt is empty`);
  return prompt;
}

export function args(rest: string[], options: ParseArgsOptionsConfig = {}) {
  try {
    return parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split("\n")[0]! : String(e));
  }
}

export function need(v: string | undefined, what: string): string {
  if (v === undefined || v === "") throw new UsageError(`missing ${what}: run \`wingman help\``);
  return v;
}

/** An agent by its id or chat word, or a usage error listing the ones there are. */
export function agentNamed(word: string) {
  const agent = agentByWord(word);
  if (!agent) throw new UsageError(`unknown agent "${word.slice(0, 40)}": one of ${agentIds().join(", ")}`);
  return agent;
}

const REQUEST_COMMANDS = new Set([
  "spawn",
  "send",
  "status",
  "output",
  "approve",
  "always",
  "deny",
  "trust",
  "answer",
  "kill",
  "resume",
  "history",
  "audit",
  "hosts",
  "usage",
  "changes",
  "diff",
  "merge",
  "pr",
  "adopt",
  "release",
  "queue",
  "unqueue",
]);

/** argv → the Request the core carries out, per command. */
export async function requestFromArgv(cmd: string, rest: string[], read: ReadSource = readSource): Promise<Parsed> {
  const command = commandNamed(cmd);
  if (!command || !REQUEST_COMMANDS.has(cmd))
    throw new UsageError(`unknown command "${cmd.slice(0, 40)}": run \`wingman help\``);
  const a = args(rest, parseOptionsOf(command));
  const v = a.values as Record<string, string | boolean | undefined>;
  const pos = a.positionals;
  const json = v.json === true;
  const promptFile = v["prompt-file"] as string | undefined;
  switch (cmd) {
    case "spawn": {
      const session = need((v.session as string | undefined) ?? pos[0], "--session NAME");
      const workdir = need((v.workdir as string | undefined) ?? pos[1], "--workdir DIR");
      const inline = (v.prompt as string | undefined) ?? (pos.length > 2 ? pos.slice(2).join(" ") : undefined);
      if (inline !== undefined && promptFile !== undefined)
        throw new UsageError("give the prompt once: --prompt TEXT or --prompt-file FILE, not both");
      const prompt = promptFile !== undefined ? await promptFrom(promptFile, read) : inline;
      const agent = v.agent === undefined ? undefined : agentNamed(v.agent as string).id;
      const host = v.host as string | undefined;
      if (host !== undefined && !isHostName(host))
        throw new UsageError(`invalid host name "${host.slice(0, 40)}": a name from the config's hosts ([a-z0-9-])`);
      if (v.worktree === true && v["no-worktree"] === true)
        throw new UsageError("give one of --worktree and --no-worktree");
      const git = {
        ...(v.worktree === true ? { worktree: true } : v["no-worktree"] === true ? { worktree: false } : {}),
        ...(v.base !== undefined ? { base: v.base as string } : {}),
        ...(v.branch !== undefined ? { branch: v.branch as string } : {}),
        ...(v.model !== undefined ? { model: v.model as string } : {}),
      };
      return {
        request: {
          op: "spawn",
          req: {
            session,
            workdir,
            prompt,
            ...(agent ? { agent } : {}),
            ...(host ? { host } : {}),
            ...git,
            ...(v.confirm === true ? { confirm: true } : {}),
          },
        },
        json,
      };
    }
    case "send": {
      const [name, ...text] = pos;
      need(name, "NAME");
      if (text.length && promptFile !== undefined)
        throw new UsageError("give the text once: TEXT… or --prompt-file FILE, not both");
      if (!text.length && promptFile === undefined)
        throw new UsageError("missing TEXT: wingman send NAME TEXT… (or --prompt-file FILE|-)");
      const body = promptFile !== undefined ? await promptFrom(promptFile, read) : text.join(" ");
      return {
        request: {
          op: "send",
          session: name!,
          text: body,
          force: v.force === true,
          ...(v.confirm === true ? { confirm: true } : {}),
        },
        json,
      };
    }
    case "status": {
      if (pos.length > 1) throw new UsageError("status takes at most one NAME");
      if (v.interval !== undefined && v.watch !== true) throw new UsageError("--interval goes with --watch");
      const seconds = v.interval === undefined ? 2 : Number(v.interval);
      if (!Number.isFinite(seconds) || seconds < 0.2 || seconds > 3600)
        throw new UsageError("--interval takes seconds, from 0.2 to 3600");
      const watch = v.watch === true ? { intervalMs: Math.round(seconds * 1000) } : undefined;
      return { request: { op: "status", session: pos[0] }, json, ...(watch ? { watch } : {}) };
    }
    case "output": {
      if (pos.length > 2 || (pos.length === 2 && v.lines !== undefined))
        throw new UsageError("wingman output NAME [--lines N]");
      const raw = (v.lines as string | undefined) ?? pos[1];
      const session = need(pos[0], "NAME");
      // Without N, the same default as the chat's `output NAME`.
      if (raw === undefined) return { request: { op: "output", session }, json };
      const lines = Number(raw);
      if (!Number.isInteger(lines) || lines < 1) throw new UsageError("--lines takes a whole number");
      return { request: { op: "output", session, lines }, json };
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
      const form = cmd === "trust" ? "trust NAME" : "always NAME [ID]";
      const { session, id, extra } = nameAndId(pos, form);
      if (extra.length) throw new UsageError(`unexpected "${extra.join(" ")}": wingman ${form}`);
      if (cmd === "trust" && id) throw new UsageError("trust takes no id: wingman trust NAME");
      return { request: { op: "respond", req: { session, action: cmd, id } }, json };
    }
    case "deny": {
      const { session, id, extra } = nameAndId(pos, "deny NAME [ID] [--reason TEXT]");
      if (v.reason !== undefined && extra.length)
        throw new UsageError("give the reason once: --reason TEXT or REASON…, not both");
      const reason = (v.reason as string | undefined) ?? (extra.length ? extra.join(" ") : undefined);
      return { request: { op: "respond", req: { session, action: "deny", id, reason } }, json };
    }
    case "answer": {
      const { session, id, extra } = nameAndId(pos, "answer NAME [ID] CHOICE…|TEXT");
      if (!extra.length)
        throw new UsageError("answer needs a choice or some text: wingman answer NAME [ID] CHOICE…|TEXT");
      // Only numbers (`2`, `1 3`, `1,3`) are choices; anything else is free text (or a whole label, matched by the agent).
      const parts = extra
        .flatMap((x) => x.split(","))
        .map((x) => x.trim())
        .filter(Boolean);
      const choices = parts.every((x) => /^\d+$/.test(x)) ? parts : undefined;
      return {
        request: { op: "respond", req: { session, action: "answer", id, choices, text: extra.join(" ") } },
        json,
      };
    }
    case "kill": {
      const words = pos.slice(1).map((x) => x.toLowerCase());
      const clean = words[0] === "clean";
      const confirm = v.confirm === true || (clean && words[1] === "confirm");
      if (
        words.length > (clean ? (v.confirm === true ? 1 : 2) : 0) ||
        (!clean && v.confirm === true) ||
        (clean && words.length === 2 && words[1] !== "confirm")
      ) {
        throw new UsageError("wingman kill NAME [clean] [--confirm]");
      }
      const session = need(pos[0], "NAME");
      return { request: clean ? { op: "clean", session, confirm } : { op: "kill", session }, json };
    }
    case "changes":
    case "diff": {
      if (pos.length > 2) throw new UsageError(`wingman ${cmd} NAME [FILE] (quote a FILE with spaces)`);
      return {
        request: { op: "changes", session: need(pos[0], "NAME"), ...(pos[1] !== undefined ? { file: pos[1] } : {}) },
        json,
      };
    }
    case "merge": {
      const session = need(pos[0], "NAME");
      let mode: "squash" | "rebase" | "ff" | undefined;
      let commit = v.commit === true;
      let confirm = v.confirm === true;
      for (const w of pos.slice(1).map((x) => x.toLowerCase())) {
        if ((w === "squash" || w === "rebase" || w === "ff") && !mode) mode = w;
        else if (w === "commit") commit = true;
        else if (w === "confirm") confirm = true;
        else
          throw new UsageError(
            `unexpected "${w.slice(0, 40)}": wingman merge NAME [squash|rebase|ff] [--commit] [--confirm]`,
          );
      }
      return { request: { op: "merge", session, ...(mode ? { mode } : {}), commit, confirm }, json };
    }
    case "pr": {
      const session = need(pos[0], "NAME");
      let rest = pos.slice(1);
      const commit = v.commit === true || rest[0]?.toLowerCase() === "commit";
      if (rest[0]?.toLowerCase() === "commit") rest = rest.slice(1);
      const title = rest.join(" ").trim();
      return { request: { op: "pr", session, commit, ...(title ? { title } : {}) }, json };
    }
    case "resume": {
      // `resume all` as in the chat grammar, and `resume --all` as a flag.
      const all = v.all === true || (pos.length === 1 && pos[0] === "all");
      if (all && pos.length > (v.all === true ? 0 : 1)) throw new UsageError("resume takes NAME or --all, not both");
      if (all) return { request: { op: "resume", all: true }, json };
      if (pos.length > 1) throw new UsageError("resume takes one NAME (or --all)");
      return { request: { op: "resume", session: need(pos[0], "NAME (or --all)") }, json };
    }
    case "queue":
    case "unqueue":
      if (pos.length !== 1) throw new UsageError(`wingman ${cmd} NAME`);
      return { request: { op: cmd, session: pos[0]! }, json };
    case "history":
      if (pos.length) throw new UsageError("history takes no arguments");
      return { request: { op: "history", limit: 20 }, json };
    case "audit":
      if (pos.length) throw new UsageError("audit takes no arguments");
      return { request: { op: "audit", limit: 50 }, json };
    case "hosts":
      if (pos.length) throw new UsageError("hosts takes no arguments");
      return { request: { op: "hosts" }, json };
    case "adopt": {
      const socket = v.socket as string | undefined;
      if (pos.length === 0) return { request: { op: "adopt", ...(socket !== undefined ? { socket } : {}) }, json };
      if (pos.length !== 2) throw new UsageError("wingman adopt TARGET NAME (or no arguments to list)");
      // The target names its socket itself: --socket only chooses the server to list.
      if (socket !== undefined) throw new UsageError("--socket goes with the list (`wingman adopt --socket S`)");
      return { request: { op: "adopt", target: pos[0]!, session: pos[1]! }, json };
    }
    case "release":
      if (pos.length !== 1) throw new UsageError("wingman release NAME");
      return { request: { op: "release", session: pos[0]! }, json };
    case "usage":
      if (pos.length > 1) throw new UsageError("usage takes at most one NAME");
      return { request: pos[0] ? { op: "usage", session: pos[0] } : { op: "usage" }, json };
  }
  throw new UsageError(`unknown command "${cmd.slice(0, 40)}": run \`wingman help\``);
}

/** NAME, then an optional prompt id (4 characters, with a digit: no English word is read as one), then the rest. */
function nameAndId(pos: string[], usage: string): { session: string; id?: string; extra: string[] } {
  const session = need(pos[0], `NAME: wingman ${usage}`);
  const second = pos[1];
  if (second !== undefined && isPromptId(second.toLowerCase()))
    return { session, id: second.toLowerCase(), extra: pos.slice(2) };
  return { session, extra: pos.slice(1) };
}

/** For display only (a line a person copies): quote what a shell would split. A leading `~/` stays bare. */
export function shellWord(s: string): string {
  if (/^[\w@%+=:,./-]+$/.test(s)) return s;
  if (/^~\/[\w@%+=:,./-]*$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The CLI argv that makes the same request (help's examples are chat phrases turned into these). */
export function argvOf(r: Request): string[] {
  switch (r.op) {
    case "spawn": {
      const agent = r.req.agent ? ["--agent", r.req.agent] : [];
      if (r.req.host) agent.push("--host", r.req.host);
      if (r.req.worktree !== undefined) agent.push(r.req.worktree ? "--worktree" : "--no-worktree");
      if (r.req.base) agent.push("--base", r.req.base);
      if (r.req.branch) agent.push("--branch", r.req.branch);
      if (r.req.model) agent.push("--model", r.req.model);
      if (r.req.confirm) agent.push("--confirm");
      return ["spawn", ...agent, r.req.session, r.req.workdir, ...(r.req.prompt ? [r.req.prompt] : [])];
    }
    case "send":
      return ["send", r.session, r.text, ...(r.force ? ["--force"] : []), ...(r.confirm ? ["--confirm"] : [])];
    case "respond": {
      const q = r.req;
      const id = q.id ? [q.id] : [];
      switch (q.action) {
        case "approve":
          return ["approve", q.session, ...id, ...(q.confirm ? ["--confirm"] : [])];
        case "always":
          return ["always", q.session, ...id];
        case "deny":
          return ["deny", q.session, ...id, ...(q.reason ? ["--reason", q.reason] : [])];
        case "trust":
          return ["trust", q.session];
        case "answer":
          return ["answer", q.session, ...id, q.text ?? q.choices?.join(",") ?? ""];
      }
      break;
    }
    case "status":
      return ["status", ...(r.session ? [r.session] : [])];
    case "output":
      return ["output", r.session, ...(r.lines ? ["--lines", String(r.lines)] : [])];
    case "kill":
      return ["kill", r.session];
    case "clean":
      return ["kill", r.session, "clean", ...(r.confirm ? ["--confirm"] : [])];
    case "changes":
      return ["changes", r.session, ...(r.file ? [r.file] : [])];
    case "merge":
      return [
        "merge",
        r.session,
        ...(r.mode ? [r.mode] : []),
        ...(r.commit ? ["--commit"] : []),
        ...(r.confirm ? ["--confirm"] : []),
      ];
    case "pr":
      return ["pr", r.session, ...(r.commit ? ["--commit"] : []), ...(r.title ? [r.title] : [])];
    case "resume":
      return "all" in r ? ["resume", "--all"] : ["resume", r.session];
    case "adopt":
      return r.target
        ? ["adopt", r.target, r.session ?? ""]
        : ["adopt", ...(r.socket !== undefined ? ["--socket", r.socket] : [])];
    case "release":
      return ["release", r.session];
    case "queue":
    case "unqueue":
      return [r.op, r.session];
    case "history":
    case "audit":
    case "hosts":
      return [r.op];
    case "usage":
      return ["usage", ...(r.session ? [r.session] : [])];
    case "help":
      return ["help", ...(r.topic ? [r.topic] : [])];
  }
  return [];
}
