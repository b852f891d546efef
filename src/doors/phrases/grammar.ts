// Longer than 300 lines: one parser for every verb of the chat grammar, so that the verbs' rules (and the help
// generated from the same table) read side by side.
// The ONE chat grammar: `/wm …`, OpenClaw plain text, the assistant tool and the CLI all turn a phrase
// into an Intent here, so a phrase means the same everywhere. Pure: text in, a typed intent or an error
// with the nearest valid phrase out. A phrase that does not parse is never acted on by guessing; the
// caller shows `suggestion` and the person sends it if it is what they meant.
import {
  cleanText,
  editDistance,
  hasControl,
  looksQuoted,
  MAX_COMMAND_LENGTH,
  nearest,
  nextPathToken,
  nextToken,
  quoteText,
  tokens,
  unquote,
  word,
} from "./grammar-text.js";
import { GRAMMAR, type GrammarVerb, grammarEntry, helpText, usageOf } from "./grammar-table.js";
import { agentById, agentByWord } from "../../agents/index.js";
import { MODEL_NAME } from "../../api/wingman-api.js";
import { isPromptId, isValidName, NAME_RULE, quote } from "../../core/store/names.js";

export { GRAMMAR, type GrammarEntry, type GrammarVerb, helpText } from "./grammar-table.js";
export { MAX_COMMAND_LENGTH } from "./grammar-text.js";

export type StatusForm = "status" | "sessions" | "dashboard";

export type Intent =
  | { verb: "approve"; session: string; id?: string; confirm: boolean }
  | { verb: "always"; session: string; id?: string }
  | { verb: "deny"; session: string; id?: string; reason?: string }
  | { verb: "trust"; session: string }
  /** choices: option numbers when the answer is only numbers; text: the answer as typed, quotes removed. */
  | { verb: "answer"; session: string; id?: string; choices: string[] | null; text: string }
  | { verb: "tell"; session: string; text: string; force: boolean }
  | ({ verb: "spawn"; session: string; workdir: string; prompt?: string; agent?: string; host?: string } & SpawnOptions)
  /** form: which word was used, so a reply can echo it. */
  | { verb: "status"; session?: string; form: StatusForm }
  | { verb: "output"; session: string; lines?: number }
  | { verb: "kill"; session: string; clean?: boolean; confirm?: boolean }
  /** file: one listed path, case kept. */
  | { verb: "changes"; session: string; file?: string }
  | { verb: "merge"; session: string; mode?: MergeMode; commit: boolean; confirm: boolean }
  | { verb: "pr"; session: string; title?: string; commit: boolean }
  /** The follow-ups waiting for the session (read-only), and dropping them. */
  | { verb: "queue"; session: string }
  | { verb: "unqueue"; session: string }
  | { verb: "resume"; session: string; all?: false }
  | { verb: "resume"; all: true }
  | { verb: "history" }
  | { verb: "usage"; session?: string }
  | { verb: "audit" }
  | { verb: "hosts" }
  /** target: `[socket:]session:window.pane`, case kept; with it, the session NAME to adopt it as. */
  | { verb: "adopt"; target?: string; session?: string }
  | { verb: "release"; session: string }
  | { verb: "help"; topic?: string };

/** `key=value` words right after spawn's DIR (values keep their case). */
export interface SpawnOptions {
  worktree?: boolean;
  base?: string;
  branch?: string;
  model?: string;
}

export type MergeMode = "squash" | "rebase" | "ff";
const MERGE_MODES: readonly MergeMode[] = ["squash", "rebase", "ff"];
/** The only spawn option keys; a word within two edits of one is a usage error, never a prompt. */
const SPAWN_KEYS = ["worktree", "base", "branch", "model"] as const;
const MODEL = MODEL_NAME;

export type ParseResult = { ok: true; intent: Intent } | { ok: false; error: string; suggestion?: string };

export const MAX_OUTPUT_LINES = 500;

type Failure = { ok: false; error: string; suggestion?: string };
const fail = (error: string, suggestion?: string): Failure =>
  suggestion === undefined ? { ok: false, error } : { ok: false, error, suggestion };
const ok = (intent: Intent): ParseResult => ({ ok: true, intent });

/** Every word that starts a phrase. `tell!` is read separately. */
const VERB_WORDS = [...GRAMMAR.map((e) => e.verb), "sessions", "dashboard", "diff"] as const;

/**
 * Words people reach for that are not in the grammar. They only ever produce a suggestion ("send" →
 * "tell", never "deny", which is closer by spelling). Nothing destructive is suggested for a vague word:
 * "stop" is not mapped to kill.
 */
const HINTS: Readonly<Record<string, string>> = {
  send: "tell",
  "send!": "tell!",
  say: "tell",
  ask: "tell",
  yes: "approve",
  allow: "approve",
  accept: "approve",
  ok: "approve",
  no: "deny",
  reject: "deny",
  refuse: "deny",
  reply: "answer",
  choose: "answer",
  pick: "answer",
  select: "answer",
  start: "spawn",
  new: "spawn",
  list: "sessions",
  ls: "sessions",
  ps: "sessions",
  log: "output",
  logs: "output",
  show: "output",
  tail: "output",
  screen: "output",
};

/** Parses one phrase. Never throws. */
export function parseCommand(text: string): ParseResult {
  if (text.length > MAX_COMMAND_LENGTH) {
    return fail(`message too long: ${text.length} characters (the limit is ${MAX_COMMAND_LENGTH}); send it in parts`);
  }
  let first = nextToken(text);
  // The chat command's own name is forgiven, so a pasted "/wm status" means the same as "status".
  if (first && first.token.toLowerCase() === "/wm") first = nextToken(first.rest);
  if (!first) return fail('empty command: send "help" for the list', "help");
  const typed = first.token.toLowerCase();
  const verbWord = /^tell!+$/.test(typed) ? "tell!" : word(first.token);
  const result = parseVerb(verbWord, first.rest);
  if (result !== null) return result;
  return unknownVerb(first.token, verbWord, first.rest);
}

/** The phrase for a verb word, or null when the word is not a verb. */
function parseVerb(verbWord: string, rest: string): ParseResult | null {
  switch (verbWord) {
    case "approve":
      return parseApprove(rest);
    case "always":
      return parseAlways(rest);
    case "deny":
      return parseDeny(rest);
    case "trust":
      return withName("trust", rest, (session, tail) => noMore(tail, { verb: "trust", session }));
    case "answer":
      return parseAnswer(rest);
    case "tell":
    case "tell!":
      return parseTell(verbWord, rest);
    case "spawn":
      return parseSpawn(rest);
    case "status":
    case "sessions":
    case "dashboard":
      return parseStatus(verbWord, rest);
    case "output":
      return parseOutput(rest);
    case "kill":
      return parseKill(rest);
    case "changes":
    case "diff":
      return withName("changes", rest, (session, tail) => {
        const file = unquote(cleanText(tail));
        return ok({ verb: "changes", session, ...(file ? { file } : {}) });
      });
    case "merge":
      return parseMerge(rest);
    case "queue":
    case "unqueue":
      return withName(verbWord, rest, (session, tail) => noMore(tail, { verb: verbWord, session }));
    case "pr":
      return withName("pr", rest, (session, tail) => {
        const t = nextToken(tail);
        const commit = !!t && word(t.token) === "commit";
        const title = unquote(cleanText(commit ? t!.rest : tail));
        return ok({ verb: "pr", session, commit, ...(title ? { title } : {}) });
      });
    case "resume": {
      // `all` is a word here, never a session name (a session called "all" is resumed with the others).
      const t = nextToken(rest);
      if (t && word(t.token) === "all") return noMore(t.rest, { verb: "resume", all: true });
      return withName("resume", rest, (session, tail) => noMore(tail, { verb: "resume", session }));
    }
    case "history":
    case "audit":
      return noMore(rest, verbWord === "history" ? { verb: "history" } : { verb: "audit" });
    case "hosts":
      return noMore(rest, { verb: "hosts" });
    case "adopt":
      return parseAdopt(rest);
    case "release":
      return withName("release", rest, (session, tail) => noMore(tail, { verb: "release", session }));
    case "usage": {
      if (!nextToken(rest)) return ok({ verb: "usage" });
      return withName("usage", rest, (session, tail) => noMore(tail, { verb: "usage", session }));
    }
    case "help":
      return parseHelp(rest);
    default:
      return null;
  }
}

/** An unknown first word: suggest the phrase with the nearest verb, or a word swap, or "help". */
function unknownVerb(rawToken: string, w: string, rest: string): ParseResult {
  const error = `unknown command ${quote(rawToken)}`;
  const replacement = HINTS[rawToken.toLowerCase()] ?? HINTS[w] ?? nearest(w, VERB_WORDS);
  if (replacement !== null) {
    const again = parseVerb(replacement, rest);
    const suggestion = again?.ok ? intentToString(again.intent) : (again?.suggestion ?? replacement);
    return fail(`${error}; did you mean "${replacement}"?`, suggestion);
  }
  // "vsr approve": a session name first and the verb second.
  const second = nextToken(rest);
  if (second && isValidName(w)) {
    const v = word(second.token);
    const again = parseVerb(v, ` ${w}${second.rest}`);
    if (again?.ok) return fail(`${error}: the command comes first`, intentToString(again.intent));
  }
  return fail(`${error}: send "help" for the list`, "help");
}

/** `adopt` alone lists; `adopt TARGET NAME` adopts (TARGET keeps its case: tmux session names have one). */
function parseAdopt(rest: string): ParseResult {
  const t = nextToken(rest);
  if (!t) return ok({ verb: "adopt" });
  const target = unquote(t.token);
  if (!/:\d+\.\d+$/.test(target))
    return fail(
      `invalid target ${quote(t.token)}: use SOCKET:SESSION:WINDOW.PANE as \`adopt\` lists them`,
      usageOf("adopt"),
    );
  return withName("adopt", t.rest, (session, tail) => noMore(tail, { verb: "adopt", target, session }));
}

/** Reads NAME (lower-cased, validated) and hands the remainder on. */
function withName(
  verb: GrammarVerb,
  rest: string,
  then: (session: string, tail: string) => ParseResult,
  typed: string = verb,
): ParseResult {
  const usage = usageOf(verb, typed);
  const t = nextToken(rest);
  if (!t) return fail(`${typed} needs a session name: ${usage}`, usage);
  const session = word(t.token);
  if (!isValidName(session)) return fail(`invalid session name ${quote(t.token)}: use ${NAME_RULE}`, usage);
  return then(session, t.rest);
}

/**
 * An optional prompt id right after NAME. A token is an id only when it has the id's exact shape
 * (4 characters of the id alphabet with a digit), so ordinary words never are; a word that happens to
 * fit ("deny vsr mp3s are fine" reads `mp3s` as the id) is harmless: the core refuses an id that is not
 * the prompt on screen and presses nothing.
 */
function takeId(rest: string): { id?: string; rest: string } {
  const t = nextToken(rest);
  if (t && isPromptId(word(t.token))) return { id: word(t.token), rest: t.rest };
  return { rest };
}

/** Fails on leftover words, suggesting the phrase without them. */
function noMore(rest: string, intent: Intent): ParseResult {
  const extra = tokens(rest);
  if (extra.length === 0) return ok(intent);
  const canonical = intentToString(intent);
  const usage = intent.verb === "status" ? usageOf("status", intent.form) : usageOf(intent.verb);
  const hint = usage === canonical ? "" : ` (${usage})`;
  return fail(`unexpected ${quote(extra.join(" "))} after "${canonical}"${hint}`, canonical);
}

function parseApprove(rest: string): ParseResult {
  return withName("approve", rest, (session, tail) => {
    const { id, rest: after } = takeId(tail);
    const intent: Intent = { verb: "approve", session, confirm: false, ...(id ? { id } : {}) };
    const extra = tokens(after);
    if (extra.length === 0) return ok(intent);
    const w = word(extra[0]!);
    if (w === "confirm" && extra.length === 1) return ok({ ...intent, confirm: true });
    // "approve vsr confirm 7f3k": the right words in the wrong order.
    if (!id && extra.length === 2 && w === "confirm" && isPromptId(word(extra[1]!))) {
      const fixed = intentToString({ ...intent, id: word(extra[1]!), confirm: true });
      return fail(`the id comes before confirm: ${fixed}`, fixed);
    }
    if (extra.length === 1 && nearest(w, ["confirm"])) {
      const fixed = intentToString({ ...intent, confirm: true });
      return fail(`unexpected ${quote(extra[0]!)}; did you mean "confirm"?`, fixed);
    }
    const canonical = intentToString(intent);
    const what =
      !id && /^[a-z0-9]{3,5}$/.test(w) && /\d/.test(w)
        ? "is not a prompt id (4 characters, like 7f3k)"
        : "was not understood";
    return fail(`${quote(extra.join(" "))} ${what}: ${usageOf("approve")}`, canonical);
  });
}

function parseAlways(rest: string): ParseResult {
  return withName("always", rest, (session, tail) => {
    const { id, rest: after } = takeId(tail);
    return noMore(after, { verb: "always", session, ...(id ? { id } : {}) });
  });
}

function parseDeny(rest: string): ParseResult {
  return withName("deny", rest, (session, tail) => {
    const { id, rest: after } = takeId(tail);
    const reason = unquote(cleanText(after));
    return ok({ verb: "deny", session, ...(id ? { id } : {}), ...(reason ? { reason } : {}) });
  });
}

// Option numbers as drawn are 1-2 digits; a longer number ("2024") is an answer in its own right.
const CHOICE_LIST = /^\d{1,2}(?:[\s,]+\d{1,2})*$/;

function parseAnswer(rest: string): ParseResult {
  return withName("answer", rest, (session, tail) => {
    const { id, rest: after } = takeId(tail);
    const raw = cleanText(after);
    const text = unquote(raw);
    if (!text) {
      const usage = usageOf("answer").replace("NAME", session);
      return fail(`answer needs a choice or some text: ${usage}`, usage);
    }
    // Choices are read from the text as typed: a quoted "2" is the answer "2", not option 2.
    const list = raw.replace(/[.!?]+$/u, "");
    const choices = CHOICE_LIST.test(list) ? [...new Set(list.split(/[\s,]+/).map((n) => String(Number(n))))] : null;
    return ok({ verb: "answer", session, ...(id ? { id } : {}), choices, text });
  });
}

function parseTell(typed: "tell" | "tell!", rest: string): ParseResult {
  return withName(
    "tell",
    rest,
    (session, tail) => {
      const text = unquote(cleanText(tail));
      if (!text) {
        const usage = usageOf("tell", typed).replace("NAME", session);
        return fail(`${typed} needs the text to send: ${usage}`, usage);
      }
      return ok({ verb: "tell", session, text, force: typed === "tell!" });
    },
    typed,
  );
}

function parseSpawn(rest: string): ParseResult {
  // `spawn WORD NAME DIR …`: a leading agent word, unless it is the session's own name (`spawn WORD ~/x`:
  // what follows is a folder, so WORD is the name).
  const first = nextToken(rest);
  const second = first && nextToken(first.rest);
  const agent = first && second && !looksLikePath(second.token) ? agentByWord(word(first.token)) : undefined;
  if (agent) rest = first!.rest;
  // `spawn build:api ~/x`: the session api on the configured host build (names have no `:`, so this is never a
  // name). Whether the host exists is the core's to say, with the hosts there are.
  const named = nextToken(rest);
  const onHost = named ? /^([a-z0-9][a-z0-9-]{0,31}):(\S+)$/.exec(word(named.token)) : null;
  if (onHost) rest = ` ${onHost[2]}${named!.rest}`;
  const host = onHost?.[1];
  return withName("spawn", rest, (session, tail) => {
    const usage = usageOf("spawn")
      .replace("[AGENT] ", agent ? `${agent.words[0] ?? agent.id} ` : "")
      .replace("[HOST:]NAME", `${host ? `${host}:` : ""}${session}`);
    const dir = nextPathToken(tail);
    if (!dir || dir.token === "") return fail(`spawn needs a folder: ${usage}`, usage);
    // A folder is refused, not repaired: a path with control characters is not one a person meant.
    if (hasControl(dir.token)) return fail(`invalid folder ${quote(dir.token)}: it contains control characters`, usage);
    const opts = spawnOptions(dir.rest, usage);
    if (!opts.ok) return opts;
    const prompt = unquote(cleanText(opts.rest));
    return ok({
      verb: "spawn",
      session,
      workdir: dir.token,
      ...opts.options,
      ...(prompt ? { prompt } : {}),
      ...(agent ? { agent: agent.id } : {}),
      ...(host ? { host } : {}),
    });
  });
}

/**
 * spawn's `key=value` words after DIR, up to the first other word (or `--`, which ends them). A key that
 * is a slip of one of the four (`worktre=no`, `bse=dev`) is a usage error with the fix, never a prompt.
 */
function spawnOptions(rest: string, usage: string): { ok: true; options: SpawnOptions; rest: string } | Failure {
  const options: SpawnOptions = {};
  for (;;) {
    const t = nextToken(rest);
    if (!t) break;
    if (t.token === "--") {
      rest = t.rest;
      break;
    }
    const m = /^([A-Za-z-]+)=(.*)$/s.exec(t.token);
    if (!m) break;
    const key = m[1]!.toLowerCase();
    const value = m[2]!;
    if (!(SPAWN_KEYS as readonly string[]).includes(key)) {
      const near =
        editDistance(key, "worktree") <= 2 ? "worktree" : (SPAWN_KEYS.find((k) => editDistance(key, k) <= 2) ?? null);
      if (near) return fail(`unknown option ${quote(`${m[1]}=`)}; did you mean ${near}=?`, usage);
      break; // an ordinary word with "=" starts the prompt
    }
    if (key in options) return fail(`${key}= is given twice`, usage);
    if (key === "worktree") {
      const v = value.toLowerCase();
      if (v !== "yes" && v !== "no") return fail(`worktree= takes yes or no, not ${quote(value)}`, usage);
      options.worktree = v === "yes";
    } else if (key === "model") {
      if (!MODEL.test(value)) return fail(`invalid model ${quote(value)}: letters, digits and . _ : / @ -`, usage);
      options.model = value;
    } else {
      // A ref's full check is git's (check-ref-format); here only what could never be one.
      if (!value || value.startsWith("-") || hasControl(value) || /[\s~^:?*[\\]/.test(value))
        return fail(
          `invalid ${key} ${quote(value)}: a git ${key === "base" ? "branch or commit" : "branch name"}`,
          usage,
        );
      options[key as "base" | "branch"] = value;
    }
    rest = t.rest;
  }
  return { ok: true, options, rest };
}

/** `kill NAME [clean] [confirm]`. */
function parseKill(rest: string): ParseResult {
  return withName("kill", rest, (session, tail) => {
    const words = tokens(tail).map(word);
    const intent: Intent = { verb: "kill", session };
    for (const w of words) {
      if (w === "clean" && !intent.clean) intent.clean = true;
      else if (w === "confirm" && intent.clean && !intent.confirm) intent.confirm = true;
      else return fail(`unexpected ${quote(w)}: ${usageOf("kill")}`, intentToString(intent));
    }
    return ok(intent);
  });
}

/** `merge NAME [squash|rebase|ff] [commit] [confirm]`, the words in any order. */
function parseMerge(rest: string): ParseResult {
  return withName("merge", rest, (session, tail) => {
    const intent: Extract<Intent, { verb: "merge" }> = { verb: "merge", session, commit: false, confirm: false };
    for (const w of tokens(tail).map(word)) {
      if ((MERGE_MODES as readonly string[]).includes(w) && !intent.mode) intent.mode = w as MergeMode;
      else if (w === "commit" && !intent.commit) intent.commit = true;
      else if (w === "confirm" && !intent.confirm) intent.confirm = true;
      else {
        const near = nearest(w, [...MERGE_MODES, "commit", "confirm"]);
        return fail(
          `unexpected ${quote(w)}${near ? `; did you mean "${near}"?` : ""}: ${usageOf("merge")}`,
          intentToString(intent),
        );
      }
    }
    return ok(intent);
  });
}

function looksLikePath(token: string): boolean {
  return /^["'“‘]?[~/.]/.test(token) || token.includes("/");
}

function parseStatus(form: StatusForm, rest: string): ParseResult {
  const args = tokens(rest);
  if (args.length === 0) return ok({ verb: "status", form });
  if (form !== "status") {
    const name = word(args[0]!);
    const suggestion = args.length === 1 && isValidName(name) ? `status ${name}` : form;
    return fail(`"${form}" takes no session name; for one session: status NAME`, suggestion);
  }
  return withName("status", rest, (session, tail) => noMore(tail, { verb: "status", session, form: "status" }));
}

function parseOutput(rest: string): ParseResult {
  return withName("output", rest, (session, tail) => {
    const t = nextToken(tail);
    if (!t) return ok({ verb: "output", session });
    const w = word(t.token);
    const n = /^\d{1,6}$/.test(w) ? Number(w) : Number.NaN;
    if (!(n >= 1 && n <= MAX_OUTPUT_LINES)) {
      const suggestion = n > MAX_OUTPUT_LINES ? `output ${session} ${MAX_OUTPUT_LINES}` : `output ${session}`;
      return fail(`LINES must be a whole number from 1 to ${MAX_OUTPUT_LINES}, not ${quote(t.token)}`, suggestion);
    }
    return noMore(t.rest, { verb: "output", session, lines: n });
  });
}

/** help is read-only, so a misspelt topic is forgiven; an unknown one gets the overview. */
function parseHelp(rest: string): ParseResult {
  const t = nextToken(rest);
  if (!t) return ok({ verb: "help" });
  const w = /^tell!+$/i.test(t.token) ? "tell!" : word(t.token);
  const entry = grammarEntry(w) ?? grammarEntry(nearest(w, VERB_WORDS) ?? "");
  return ok(entry ? { verb: "help", topic: entry.verb } : { verb: "help" });
}

/** Free text placed after an optional id: quoted when it would otherwise read differently. */
function tailText(text: string, hasId: boolean): string {
  const first = nextToken(text)?.token ?? "";
  const readAsId = !hasId && isPromptId(word(first));
  return readAsId || looksQuoted(text) ? quoteText(text) : text;
}

/** The canonical phrase for an intent; `parseCommand(intentToString(i))` gives `i` back. */
export function intentToString(intent: Intent): string {
  const idPart = (id?: string) => (id ? ` ${id}` : "");
  switch (intent.verb) {
    case "approve":
      return `approve ${intent.session}${idPart(intent.id)}${intent.confirm ? " confirm" : ""}`;
    case "always":
      return `always ${intent.session}${idPart(intent.id)}`;
    case "deny":
      return `deny ${intent.session}${idPart(intent.id)}${intent.reason ? ` ${tailText(intent.reason, !!intent.id)}` : ""}`;
    case "trust":
      return `trust ${intent.session}`;
    case "answer": {
      // Free text that looks like option numbers is quoted so that it stays free text.
      const numeric = intent.choices === null && CHOICE_LIST.test(intent.text.replace(/[.!?]+$/u, ""));
      const body = numeric ? quoteText(intent.text) : tailText(intent.text, !!intent.id);
      return `answer ${intent.session}${idPart(intent.id)} ${body}`;
    }
    case "tell":
      return `${intent.force ? "tell!" : "tell"} ${intent.session} ${looksQuoted(intent.text) ? quoteText(intent.text) : intent.text}`;
    case "spawn": {
      const dir = /[\s"'“”‘’]/.test(intent.workdir) ? quoteText(intent.workdir) : intent.workdir;
      const prompt = intent.prompt ? ` ${looksQuoted(intent.prompt) ? quoteText(intent.prompt) : intent.prompt}` : "";
      const agent = intent.agent ? `${agentById(intent.agent)?.words[0] ?? intent.agent} ` : "";
      const opts = [
        ...(intent.worktree !== undefined ? [`worktree=${intent.worktree ? "yes" : "no"}`] : []),
        ...(intent.base ? [`base=${intent.base}`] : []),
        ...(intent.branch ? [`branch=${intent.branch}`] : []),
        ...(intent.model ? [`model=${intent.model}`] : []),
      ];
      // A prompt that itself starts like an option is set apart with `--`.
      const sep = intent.prompt && /^\S+=/.test(intent.prompt) ? " --" : "";
      return `spawn ${agent}${intent.host ? `${intent.host}:` : ""}${intent.session} ${dir}${opts.map((o) => ` ${o}`).join("")}${sep}${prompt}`;
    }
    case "status":
      return intent.session ? `status ${intent.session}` : intent.form;
    case "output":
      return `output ${intent.session}${intent.lines ? ` ${intent.lines}` : ""}`;
    case "kill":
      return `kill ${intent.session}${intent.clean ? " clean" : ""}${intent.confirm ? " confirm" : ""}`;
    case "changes":
      return `changes ${intent.session}${intent.file ? ` ${/[\s"'“”‘’]/.test(intent.file) ? quoteText(intent.file) : intent.file}` : ""}`;
    case "merge":
      return `merge ${intent.session}${intent.mode ? ` ${intent.mode}` : ""}${intent.commit ? " commit" : ""}${intent.confirm ? " confirm" : ""}`;
    case "pr":
      return `pr ${intent.session}${intent.commit ? " commit" : ""}${intent.title ? ` ${looksQuoted(intent.title) ? quoteText(intent.title) : intent.title}` : ""}`;
    case "queue":
    case "unqueue":
      return `${intent.verb} ${intent.session}`;
    case "resume":
      return intent.all ? "resume all" : `resume ${intent.session}`;
    case "history":
    case "audit":
    case "hosts":
      return intent.verb;
    case "adopt":
      return intent.target ? `adopt ${intent.target} ${intent.session}` : "adopt";
    case "release":
      return `release ${intent.session}`;
    case "usage":
      return intent.session ? `usage ${intent.session}` : "usage";
    case "help":
      return intent.topic ? `help ${intent.topic}` : "help";
  }
}

/**
 * OpenClaw's before_dispatch: should Wingman take this plain chat message instead of the assistant?
 * Only when the WHOLE message parses and it plainly addresses Wingman: it names a live session or a
 * pending id, or it is exactly `status`, `sessions` or `dashboard`. Everything else is conversation.
 * - help, history and audit are not claimed: "help" or "history" in a chat is more likely a question for
 *   the assistant, which can call Wingman's tools itself; `/wm help` always works.
 * - spawn and `resume all` are never claimed: "spawn api ~/x" is easy to write in passing, and starting a
 *   session costs money and touches a folder; they take `/wm` or the assistant.
 * - A session named like a common word ("the", "it") makes phrases like "kill it" claimable: that is the
 *   owner's choice of name.
 */
export function claimsPlainText(
  text: string,
  known: { sessions: ReadonlySet<string>; ids: ReadonlySet<string> },
): Intent | null {
  const parsed = parseCommand(text);
  if (!parsed.ok) return null;
  const intent = parsed.intent;
  switch (intent.verb) {
    case "help":
    case "history":
    case "audit":
    case "hosts":
    case "spawn":
    case "merge":
    case "pr":
    case "adopt":
    case "release":
    case "unqueue":
      // Landing work and pushing it change a repository, adopting takes over a pane, dropping follow-ups loses text: /wm and the CLI only
      // (contract: plain text claims only the new read-only verbs).
      return null;
    case "kill":
      if (intent.clean) return null; // removing a worktree: /wm and the CLI only
      return known.sessions.has(intent.session) ? intent : null;
    case "resume":
      // "resume all" starts agents (money, folders) on a phrase that names none: /wm or the assistant only.
      return !intent.all && known.sessions.has(intent.session) ? intent : null;
    case "status":
    case "usage":
      // Read-only: `usage` alone, or naming a live session (contract: plain text claims the read-only verbs).
      return intent.session === undefined || known.sessions.has(intent.session) ? intent : null;
    default: {
      if (known.sessions.has(intent.session)) return intent;
      const id = "id" in intent ? intent.id : undefined;
      return id !== undefined && known.ids.has(id) ? intent : null;
    }
  }
}

/** The usage line for a verb, for callers that print their own errors (e.g. "approve NAME [ID] [confirm]"). */
export function usageLine(verb: GrammarVerb): string {
  return usageOf(verb);
}

/** Help text for a help intent, with the chat prefix. */
export function helpFor(intent: { topic?: string }, prefix = ""): string {
  return helpText({ prefix, ...(intent.topic ? { verb: intent.topic } : {}) });
}
