// Longer than 300 lines: the table of every command with its forms, options and help group, one entry each; it is
// data that help, completion and the parser all read, and splitting it would make two tables to keep in step.
// The table of `wingman` commands: the forms the CLI parses, their options, and which verb of the chat
// grammar each one is (its help sentence and examples come from that grammar, help.ts). Parsing (argv.ts),
// help (help.ts) and shell completion (completion.ts) all read this one table.
import type { ParseArgsOptionsConfig } from "node:util";
import { AGENTS, agentChoices, agentIds } from "../../agents/index.js";
import type { GrammarVerb } from "../phrases/grammar.js";

export interface CliOption {
  name: string;
  type: "string" | "boolean";
  /** Placeholder for a value: FILE, N, TEXT. */
  value?: string;
  help: string;
  /** What the shell completes after it: session names, files, or fixed words. */
  completes?: "files" | "dirs" | readonly string[];
}

/** The blocks of `wingman help`, in order (every command sits in one). */
export const HELP_GROUPS = [
  "Sessions",
  "Landing the work (git worktrees)",
  "Answer a prompt",
  "Records and tools",
  "This help",
] as const;
export type HelpGroup = (typeof HELP_GROUPS)[number];

export interface CliCommand {
  name: string;
  /** Its block in `wingman help`. */
  group: HelpGroup;
  /** The forms as typed after `wingman `. */
  usage: readonly string[];
  /** The chat grammar's verb it is, for the help sentence and the examples. */
  verb?: GrammarVerb;
  /** A sentence for commands the chat does not have. */
  summary?: string;
  options: readonly CliOption[];
  /** Its first positional is a session name (completion offers live names). */
  takesSession?: boolean;
}

const JSON_OPT: CliOption = {
  name: "json",
  type: "boolean",
  help: "print the result as JSON on stdout (errors too: { ok, error, message })",
};
const PROMPT_FILE: CliOption = {
  name: "prompt-file",
  type: "string",
  value: "FILE|-",
  help: "read the prompt from FILE, or from standard input with -; CRLF becomes LF, final line breaks are dropped",
  completes: "files",
};

/** The agents this build has, as `--agent` takes them: ids and chat words (from the agent registry). */
export const AGENT_WORDS: readonly string[] = [...new Set([...agentIds(), ...AGENTS.flatMap((a) => a.words)])];

export const COMMANDS: readonly CliCommand[] = [
  {
    name: "spawn",
    group: "Sessions",
    usage: [
      "spawn [--agent AGENT] [--host HOST] --session NAME --workdir DIR [--prompt TEXT | --prompt-file FILE|-]",
      "spawn [--agent AGENT] [--host HOST] NAME DIR [TEXT…]",
    ],
    verb: "spawn",
    options: [
      { name: "session", type: "string", value: "NAME", help: "the session's name" },
      { name: "workdir", type: "string", value: "DIR", help: "the project folder", completes: "dirs" },
      { name: "prompt", type: "string", value: "TEXT", help: "the first prompt" },
      PROMPT_FILE,
      {
        name: "agent",
        type: "string",
        value: "AGENT",
        help: `${agentChoices({ by: "both" })}; config defaultAgent changes the default`,
        completes: AGENT_WORDS,
      },
      {
        name: "host",
        type: "string",
        value: "HOST",
        help: "run it on a machine from the config's hosts, over SSH (default: this one)",
      },
      {
        name: "worktree",
        type: "boolean",
        help: "its own git worktree and branch (the default in a git repository, config worktrees)",
      },
      { name: "no-worktree", type: "boolean", help: "work in the folder itself, no worktree" },
      {
        name: "confirm",
        type: "boolean",
        help: "start even past the day's spent budget (otherwise the start is held)",
      },
      {
        name: "base",
        type: "string",
        value: "REF",
        help: "the branch or commit its branch starts from (default: the checked-out branch)",
      },
      { name: "branch", type: "string", value: "NAME", help: "its branch (default wingman/NAME)" },
      { name: "model", type: "string", value: "M", help: "the agent's model, passed with the agent's own flag" },
      JSON_OPT,
    ],
  },
  {
    name: "send",
    group: "Sessions",
    usage: ["send NAME TEXT… [--force] [--confirm]", "send NAME --prompt-file FILE|- [--force] [--confirm]"],
    verb: "tell",
    options: [
      { name: "force", type: "boolean", help: "send even when the session is busy (chat: tell!)" },
      {
        name: "confirm",
        type: "boolean",
        help: "send even past a spent budget (otherwise the text is held: docs/usage.md)",
      },
      PROMPT_FILE,
      JSON_OPT,
    ],
    takesSession: true,
  },
  {
    name: "queue",
    group: "Sessions",
    usage: ["queue NAME [--json]"],
    verb: "queue",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "unqueue",
    group: "Sessions",
    usage: ["unqueue NAME [--json]"],
    verb: "unqueue",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "status",
    group: "Sessions",
    usage: ["status [NAME] [--json]", "status [NAME] --watch [--interval SECONDS]"],
    verb: "status",
    options: [
      JSON_OPT,
      {
        name: "watch",
        type: "boolean",
        help: "keep showing it: redrawn in place on a terminal, appended when it changes otherwise; Ctrl-C stops",
      },
      { name: "interval", type: "string", value: "SECONDS", help: "how often --watch reads the sessions (default 2)" },
    ],
    takesSession: true,
  },
  {
    name: "output",
    group: "Sessions",
    usage: ["output NAME [--lines N]"],
    verb: "output",
    options: [
      { name: "lines", type: "string", value: "N", help: "how many lines (default 30, at most 500)" },
      JSON_OPT,
    ],
    takesSession: true,
  },
  {
    name: "approve",
    group: "Answer a prompt",
    usage: ["approve NAME [ID] [--confirm]"],
    verb: "approve",
    options: [
      { name: "confirm", type: "boolean", help: "required for a high-risk prompt (a trailing `confirm` works too)" },
      JSON_OPT,
    ],
    takesSession: true,
  },
  {
    name: "always",
    group: "Answer a prompt",
    usage: ["always NAME [ID]"],
    verb: "always",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "deny",
    group: "Answer a prompt",
    usage: ["deny NAME [ID] [--reason TEXT | REASON…]"],
    verb: "deny",
    options: [{ name: "reason", type: "string", value: "TEXT", help: "what to do instead" }, JSON_OPT],
    takesSession: true,
  },
  {
    name: "trust",
    group: "Answer a prompt",
    usage: ["trust NAME"],
    verb: "trust",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "answer",
    group: "Answer a prompt",
    usage: ["answer NAME [ID] CHOICE…|TEXT"],
    verb: "answer",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "kill",
    group: "Sessions",
    usage: ["kill NAME [clean] [--confirm]"],
    verb: "kill",
    options: [
      {
        name: "confirm",
        type: "boolean",
        help: "with clean: remove the worktree even with unmerged or uncommitted work (a trailing `confirm` works too)",
      },
      JSON_OPT,
    ],
    takesSession: true,
  },
  {
    name: "changes",
    group: "Landing the work (git worktrees)",
    usage: ["changes NAME [FILE] [--json]"],
    verb: "changes",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "diff",
    group: "Landing the work (git worktrees)",
    usage: ["diff NAME [FILE] [--json]"],
    summary: "The same as changes.",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "merge",
    group: "Landing the work (git worktrees)",
    usage: ["merge NAME [squash|rebase|ff] [--commit] [--confirm]"],
    verb: "merge",
    options: [
      {
        name: "commit",
        type: "boolean",
        help: "commit the session's uncommitted work first (a trailing `commit` works too)",
      },
      { name: "confirm", type: "boolean", help: "merge without the uncommitted work (it stays in the worktree)" },
      JSON_OPT,
    ],
    takesSession: true,
  },
  {
    name: "pr",
    group: "Landing the work (git worktrees)",
    usage: ["pr NAME [--commit] [TITLE…]"],
    verb: "pr",
    options: [{ name: "commit", type: "boolean", help: "commit the session's uncommitted work first" }, JSON_OPT],
    takesSession: true,
  },
  {
    name: "resume",
    group: "Sessions",
    usage: ["resume NAME", "resume --all"],
    verb: "resume",
    options: [{ name: "all", type: "boolean", help: "every exited session that can be resumed" }, JSON_OPT],
    takesSession: true,
  },
  {
    name: "adopt",
    usage: ["adopt [--socket NAME|PATH]", "adopt TARGET NAME"],
    verb: "adopt",
    group: "Sessions",
    options: [
      {
        name: "socket",
        type: "string",
        value: "NAME|PATH",
        help: "list another of your tmux servers: a -L name, or a -S path (default: your default server)",
      },
      JSON_OPT,
    ],
  },
  {
    name: "release",
    usage: ["release NAME"],
    verb: "release",
    group: "Sessions",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "attach",
    group: "Sessions",
    usage: ["attach NAME"],
    summary: "Attach this terminal to the session's tmux pane (prints the tmux command when not on a terminal).",
    options: [],
    takesSession: true,
  },
  { name: "history", group: "Records and tools", usage: ["history [--json]"], verb: "history", options: [JSON_OPT] },
  { name: "audit", group: "Records and tools", usage: ["audit [--json]"], verb: "audit", options: [JSON_OPT] },
  { name: "hosts", group: "Records and tools", usage: ["hosts [--json]"], verb: "hosts", options: [JSON_OPT] },
  {
    name: "usage",
    group: "Records and tools",
    usage: ["usage [NAME] [--json]"],
    verb: "usage",
    options: [JSON_OPT],
    takesSession: true,
  },
  {
    name: "monitor",
    group: "Records and tools",
    usage: ["monitor [--json] [--notify-command PROGRAM]"],
    summary: "Run the monitor in the foreground: notifications on stdout, and to PROGRAM's standard input.",
    options: [
      { name: "json", type: "boolean", help: "one JSON object per notification, one a line" },
      {
        name: "notify-command",
        type: "string",
        value: "PROGRAM",
        help: "run PROGRAM (no shell) with each notification on its stdin",
        completes: "files",
      },
    ],
  },
  {
    name: "inspect-screen",
    group: "Records and tools",
    usage: ["inspect-screen [--agent AGENT] FILE|-"],
    summary: "What the screen reader makes of a saved `tmux capture-pane -p` text (JSON).",
    options: [
      { name: "agent", type: "string", value: "AGENT", help: agentChoices({ by: "both" }), completes: AGENT_WORDS },
    ],
  },
  {
    name: "web",
    group: "Records and tools",
    usage: ["web [--port P] [--bind ADDR]"],
    summary: "Serve the dashboard as a web page on 127.0.0.1 and print its URL with a token.",
    options: [
      { name: "port", type: "string", value: "P", help: "the port (default: a free one)" },
      {
        name: "bind",
        type: "string",
        value: "ADDR",
        help: "the address (default 127.0.0.1; another one prints a warning)",
      },
    ],
  },
  { name: "help", group: "This help", usage: ["help [COMMAND]"], verb: "help", options: [] },
  {
    name: "completion",
    group: "This help",
    usage: ["completion bash|zsh|fish"],
    summary: "Print a shell completion script: commands, options and live session names.",
    options: [],
  },
];

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

export function commandNamed(name: string): CliCommand | undefined {
  return BY_NAME.get(name);
}

/** node:util parseArgs options for a command. */
export function parseOptionsOf(c: CliCommand): ParseArgsOptionsConfig {
  return Object.fromEntries(c.options.map((o) => [o.name, { type: o.type }]));
}
