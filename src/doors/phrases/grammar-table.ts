// The chat grammar's table: the ONE source of usage lines, help text and usage suggestions, so what
// `help` says and what the parser accepts cannot drift apart. The agents' words come from the agent registry.
import { AGENTS, agentChoices } from "../../agents/index.js";

/** An agent other than the default, to show that a spawn may name one (`spawn WORD api …`). */
const OTHER_AGENT = AGENTS[1] ?? AGENTS[0]!;

export type GrammarVerb =
  | "approve"
  | "always"
  | "deny"
  | "trust"
  | "answer"
  | "tell"
  | "spawn"
  | "status"
  | "output"
  | "kill"
  | "resume"
  | "history"
  | "audit"
  | "hosts"
  | "changes"
  | "merge"
  | "pr"
  | "adopt"
  | "release"
  | "queue"
  | "unqueue"
  | "usage"
  | "help";

export interface GrammarEntry {
  verb: GrammarVerb;
  /** The form as typed, without a prefix: NAME, ID, TEXT… are placeholders; [..] is optional. */
  usage: string;
  /** One sentence: what it does. */
  summary: string;
  /** Phrases that parse, without a prefix. */
  examples: readonly string[];
  /** Which block of the overview it sits in. */
  group: "prompt" | "session";
  /** Shown on the overview line of that verb (`queue NAME | unqueue NAME`), to keep the phone's list short. */
  sameLineAs?: GrammarVerb;
}

export const GRAMMAR: readonly GrammarEntry[] = [
  {
    verb: "approve",
    usage: "approve NAME [ID] [confirm]",
    summary: "Say yes, once, to the pending prompt. A high-risk prompt also needs confirm.",
    examples: ["approve vsr", "approve vsr 7f3k", "approve vsr 7f3k confirm"],
    group: "prompt",
  },
  {
    verb: "always",
    usage: "always NAME [ID]",
    summary: "Say yes and don't ask again, for exactly what the prompt offers to remember.",
    examples: ["always vsr 7f3k"],
    group: "prompt",
  },
  {
    verb: "deny",
    usage: "deny NAME [ID] [REASON…]",
    summary: "Say no; a REASON tells Claude what to do instead.",
    examples: ["deny vsr 7f3k", "deny vsr 7f3k use the staging db"],
    group: "prompt",
  },
  {
    verb: "trust",
    usage: "trust NAME",
    summary: "Trust the folder, when a session asks on its first start there.",
    examples: ["trust vsr"],
    group: "prompt",
    // Two answers to a dialog on one line keeps the phone's overview at 20 lines with adopt and release added.
    sameLineAs: "always",
  },
  {
    verb: "answer",
    usage: "answer NAME [ID] CHOICE…|TEXT…",
    summary:
      "Answer a question: option numbers as shown (1 or 1,3), or an option's whole label; anything else is typed as your own answer.",
    examples: ["answer vsr 2", "answer vsr 7f3k 1,3", "answer vsr Postgres", "answer vsr use sqlite for now"],
    group: "prompt",
  },
  {
    verb: "tell",
    usage: "tell[!] NAME TEXT…",
    summary:
      "Type TEXT into an idle session; while it works or asks, TEXT is queued (at most 10) and typed when it is idle (needs a running monitor). tell! types it now, even when the session is busy.",
    examples: ["tell vsr run the tests", "tell! vsr stop and summarise"],
    group: "session",
  },
  {
    verb: "queue",
    usage: "queue NAME",
    summary: "The follow-ups queued for the session, in the order they will be typed.",
    examples: ["queue vsr"],
    group: "session",
  },
  {
    verb: "unqueue",
    usage: "unqueue NAME",
    summary: "Drop every follow-up queued for the session; none is typed.",
    examples: ["unqueue vsr"],
    group: "session",
    sameLineAs: "queue",
  },
  {
    verb: "spawn",
    usage: "spawn [AGENT] [HOST:]NAME DIR [TEXT…]",
    summary: `Start a session in folder DIR, with TEXT as its first prompt. AGENT: ${agentChoices({ by: "both" })}. HOST: a machine from the config's hosts (default: this one). In a git repository it gets its own worktree on branch wingman/NAME. Options right after DIR: worktree=yes|no, base=REF, branch=NAME (-- ends them).`,
    examples: [
      "spawn vsr ~/code/vsr",
      'spawn vsr "~/my code" fix the failing test',
      `spawn ${OTHER_AGENT.words[0] ?? OTHER_AGENT.id} api ~/code/api add a health check`,
      "spawn build:vsr-fix ~/code/vsr fix the flaky test",
      "spawn api ~/code/api base=dev add a health check",
      "spawn notes ~/notes worktree=no tidy up",
      "spawn docs ~/code/docs model=sonnet proofread the README",
    ],
    group: "session",
  },
  {
    verb: "status",
    usage: "status [NAME] | sessions | dashboard",
    summary: "Every session and what it waits for, or one session in detail.",
    examples: ["status", "status vsr", "sessions"],
    group: "session",
  },
  {
    verb: "output",
    usage: "output NAME [LINES]",
    summary: "The session's recent screen; LINES up to 500.",
    examples: ["output vsr", "output vsr 80"],
    group: "session",
  },
  {
    verb: "kill",
    usage: "kill NAME [clean] [confirm]",
    summary:
      "End the session. clean: also remove its worktree (and its branch once merged); unmerged or uncommitted work needs confirm.",
    examples: ["kill vsr", "kill vsr clean", "kill vsr clean confirm"],
    group: "session",
  },
  {
    verb: "changes",
    usage: "changes NAME [FILE]",
    summary:
      "What the session changed on its branch: commits ahead/behind, files with +/−, uncommitted files; FILE: that file's patch. Also: diff.",
    examples: ["changes vsr", "changes vsr src/api.ts", "diff vsr"],
    group: "session",
  },
  {
    verb: "merge",
    usage: "merge NAME [squash|rebase|ff] [commit]",
    summary:
      "Land the session's branch on its base in the main checkout (default: a merge commit). commit: commit its uncommitted work first; a trailing confirm merges without it.",
    examples: ["merge vsr", "merge vsr squash", "merge vsr commit"],
    group: "session",
  },
  {
    verb: "pr",
    usage: "pr NAME [commit] [TITLE…]",
    summary: "Push the session's branch and open a pull request (with gh when logged in; else the compare link).",
    examples: ["pr vsr", "pr vsr Fix the flaky test", "pr vsr commit"],
    group: "session",
  },
  {
    verb: "adopt",
    usage: "adopt [TARGET NAME]",
    summary:
      "List the panes of your own tmux that run an agent you started by hand; with TARGET (as listed, socket:session:window.pane) and NAME, Wingman reads, notifies and answers it as a session. It never kills it.",
    examples: ["adopt", "adopt default:work:0.1 api"],
    group: "session",
  },
  {
    verb: "release",
    usage: "release NAME",
    summary: "Let go of an adopted session: Wingman forgets it and it keeps running in its pane.",
    examples: ["release api"],
    group: "session",
    sameLineAs: "adopt",
  },
  {
    verb: "resume",
    usage: "resume NAME|all",
    summary:
      "Start an exited session's agent again on its conversation (same name and folder); all: every one that can be.",
    examples: ["resume vsr", "resume all"],
    group: "session",
  },
  {
    verb: "usage",
    usage: "usage [NAME]",
    summary:
      "What sessions cost, read from each agent's own record: today per session and per agent, the last 7 days, and the budgets.",
    examples: ["usage", "usage vsr"],
    group: "session",
    // On the phone's help, beside the other read-only look at a session (the list fits 20 lines).
    sameLineAs: "output",
  },
  {
    verb: "history",
    usage: "history",
    summary: "Recent events across sessions.",
    examples: ["history"],
    group: "session",
  },
  {
    verb: "audit",
    usage: "audit",
    summary: "Who answered which prompt, and how.",
    examples: ["audit"],
    group: "session",
  },
  {
    verb: "hosts",
    usage: "hosts",
    summary: "The machines sessions may run on: reachable or not, tmux and agent versions, sessions there.",
    examples: ["hosts"],
    group: "session",
  },
  {
    verb: "help",
    usage: "help [VERB]",
    summary: "This list, or one command in detail.",
    examples: ["help", "help answer"],
    group: "session",
  },
];

const BY_VERB = new Map(GRAMMAR.map((e) => [e.verb, e]));

/** Words that select a table entry in `help WORD`, including the status forms and tell!. */
const HELP_ALIASES: Readonly<Record<string, GrammarVerb>> = {
  "tell!": "tell",
  sessions: "status",
  dashboard: "status",
  diff: "changes",
};

/** The table entry a help topic names, or undefined. */
export function grammarEntry(topic: string): GrammarEntry | undefined {
  const w = topic.toLowerCase();
  return BY_VERB.get(w as GrammarVerb) ?? (HELP_ALIASES[w] ? BY_VERB.get(HELP_ALIASES[w]) : undefined);
}

/** The usage line for a verb as the person typed it: `tell!` gets `tell! NAME TEXT…`. */
export function usageOf(verb: GrammarVerb, typed: string = verb): string {
  const u = BY_VERB.get(verb)!.usage;
  if (verb === "status") return typed === "status" ? "status [NAME]" : typed;
  return u.replace(/^\S+/, typed);
}

/**
 * Help for a phone screen: the overview is one short line per command (the longest is about 40
 * characters with "/wm "); `verb` gives that command's summary and examples instead.
 */
export function helpText(opts: { prefix?: string; verb?: string } = {}): string {
  const p = opts.prefix ?? "";
  const entry = opts.verb ? grammarEntry(opts.verb.trim()) : undefined;
  if (entry) {
    return [
      `${p}${entry.usage}`,
      entry.summary,
      ...(entry.group === "prompt"
        ? ["ID: the prompt's 4-character id; without it, the prompt you were last shown."]
        : []),
      ...entry.examples.map((e, i) => `${i === 0 ? "e.g." : "    "} ${p}${e}`),
    ].join("\n");
  }
  // Commands that take no session share one line, to keep the list short.
  const single = (e: GrammarEntry) => !e.usage.includes("NAME");
  const block = (g: GrammarEntry["group"]) =>
    GRAMMAR.filter((e) => e.group === g && !single(e) && !e.sameLineAs).map((e) =>
      [e, ...GRAMMAR.filter((x) => x.sameLineAs === e.verb)].map((x, i) => `${i ? "" : p}${x.usage}`).join(" | "),
    );
  return [
    "Answer a prompt:",
    ...block("prompt"),
    "Sessions:",
    ...block("session"),
    `${p}${GRAMMAR.filter(single)
      .map((e) => e.usage)
      .join(" | ")}`,
    "ID is optional (the prompt you were last shown).",
    `More: ${p}help VERB`,
  ].join("\n");
}
