// Longer than 300 lines: the one schema of every setting, each with the description the hosts show, kept
// whole so the manifests come from one place; the agents' parts are declared by the agents.
// Wingman's settings: ONE TypeBox schema. Defaults are applied here and nowhere else; the host
// manifests' `configSchema` is generated from this schema at build time (scripts/build-manifests.mjs),
// so the host validates exactly what Wingman reads.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import type { AgentSettings } from "./agents/agent.js";
import { AGENTS, agentChoices, DEFAULT_AGENT } from "./agents/index.js";
import type { ModelPrice } from "./api/usage.js";

const AutoApproveRule = Type.Object(
  {
    session: Type.Optional(
      Type.String({ description: "Session name this rule is limited to; omit for every session." }),
    ),
    tool: Type.String({ description: "Tool name, e.g. Bash, Write, Edit, Read, WebFetch." }),
    pattern: Type.Optional(
      Type.String({
        description:
          "The command (Bash) or input spelled literally, * for any further words (e.g. 'npm test*'). Required for Bash. A * never matches a shell operator, substitution or redirection (; & | ` $ < > or a line break), so only those the pattern spells out can appear. Other tools: omit to match any input.",
      }),
    ),
  },
  { additionalProperties: false },
);

/** A host's name: lowercase like a session name, so `HOST:NAME` reads unambiguously. */
export const HOST_NAME_PATTERN = "^[a-z0-9][a-z0-9-]{0,31}$";
const HOST_NAME = new RegExp(HOST_NAME_PATTERN);

/** Whether `name` is shaped like a host name of the config (checked wherever one comes from outside). */
export function isHostName(name: unknown): boolean {
  return typeof name === "string" && HOST_NAME.test(name);
}

/** One machine of `hosts`, its agents' programs there gathered under `agents` (older per-agent keys folded in). */
export interface HostSettings {
  /** How it is reached (hosts/index.ts): every configured host today is `ssh`. */
  kind: string;
  ssh: string;
  sshConfig?: string;
  stateDir?: string;
  env?: Record<string, string>;
  /** Per agent id, that agent's program on this machine. */
  agents: Record<string, { command?: string }>;
}

// Every agent's settings come from the agent (agents/<id>/settings.ts): its schema under `agents.<id>`,
// the top-level key older configs used for it, and per host its program under
// `hosts.<h>.agents.<id>.command` or an older per-agent key. This file names no agent.
const optionalProps = (entries: Array<[string, TSchema]>) =>
  Object.fromEntries(entries.map(([k, v]) => [k, Type.Optional(v)]));

const AgentsSchema = Type.Object(optionalProps(AGENTS.map((a) => [a.id, a.settings.schema])), {
  additionalProperties: false,
  description: `Each agent's settings by its id (${AGENTS.map((a) => a.id).join(", ")}): command, args and what else that agent takes.`,
});

const agentAliasProps = optionalProps(
  AGENTS.flatMap((a) =>
    a.settings.configAliases.map((alias): [string, TSchema] => [
      alias,
      Type.Object(a.settings.schema.properties, {
        additionalProperties: false,
        description: `Older name of agents.${a.id}.`,
      }),
    ]),
  ),
);

const HostAgentsSchema = Type.Object(
  optionalProps(
    AGENTS.map((a) => [
      a.id,
      Type.Object(
        { command: Type.Optional(Type.String({ description: `The ${a.label} program on that machine.` })) },
        { additionalProperties: false },
      ),
    ]),
  ),
  { additionalProperties: false, description: "Each agent's program on that machine, by agent id." },
);

const hostAliasProps = optionalProps(
  AGENTS.flatMap((a) =>
    a.settings.hostCommandAliases.map((alias): [string, TSchema] => [
      alias,
      Type.String({ description: `The ${a.label} program on that machine (older name of agents.${a.id}.command).` }),
    ]),
  ),
);

export const ConfigSchema = Type.Object(
  {
    stateDir: Type.Optional(Type.String({ description: "Where Wingman keeps its registry, events and tmux socket." })),
    tmuxSocket: Type.Optional(Type.String({ description: "Path of Wingman's own tmux socket." })),
    agents: Type.Optional(AgentsSchema),
    ...agentAliasProps,
    defaultAgent: Type.Optional(
      Type.String({ description: `The agent \`spawn\` starts when none is named: ${agentChoices()}.` }),
    ),
    hosts: Type.Optional(
      Type.Record(
        Type.String({ pattern: HOST_NAME_PATTERN }),
        Type.Object(
          {
            ssh: Type.String({
              pattern: "^[^-\\s][^\\s]*$",
              description: "user@box, or a Host alias from the ssh config (no spaces, not starting with -).",
            }),
            sshConfig: Type.Optional(Type.String({ description: "An ssh config file, passed as ssh -F FILE." })),
            stateDir: Type.Optional(
              Type.String({
                description: "Wingman's state dir on that machine (default: its default state dir there).",
              }),
            ),
            env: Type.Optional(
              Type.Record(Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }), Type.String(), {
                description: "Variables for the agents there (ssh forwards none), e.g. an API key's name.",
              }),
            ),
            agents: Type.Optional(HostAgentsSchema),
            ...hostAliasProps,
          },
          { additionalProperties: false },
        ),
        { description: "Other machines, reached over SSH, where sessions may run: { NAME: { ssh, … } }." },
      ),
    ),
    notify: Type.Optional(
      Type.Object(
        {
          targets: Type.Optional(
            Type.Array(Type.String({ pattern: "^\\s*[A-Za-z][A-Za-z0-9_-]*:\\s*\\S.*$" }), {
              description:
                'Where notifications go, each "<channel>:<id>" with an optional "@<account>", e.g. "telegram:123456789", "whatsapp:+15551234567", "telegram:123@work". Default: notify.to, else the owner who last wrote to Wingman, else the first owner.',
            }),
          ),
          to: Type.Optional(Type.String({ description: "WhatsApp target (E.164, e.g. +15551234567)." })),
          accountId: Type.Optional(Type.String({ description: "WhatsApp account id of the host, if not default." })),
          quietHours: Type.Optional(
            Type.String({
              pattern: "^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d$",
              description: "Local time range with no reminders, e.g. 22:00-07:30.",
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    approvers: Type.Optional(
      Type.Array(
        Type.String({
          // "<channel>:<id>", or a bare phone number (read as WhatsApp, as this setting was first written).
          pattern: "^\\s*([A-Za-z][A-Za-z0-9_-]*:\\s*\\S.*|\\+?[\\d\\s().-]*\\d[\\d\\s().-]*)$",
        }),
        {
          description:
            'More owners besides the host\'s own (channels.<channel>.allowFrom), each written "<channel>:<id>", e.g. "whatsapp:+15551234567", "telegram:123456789", "signal:uuid:…", "webchat:gateway-client". An owner counts on that channel only. A bare phone number ("+15551234567") means WhatsApp.',
        },
      ),
    ),
    localChannels: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'The host\'s own local chat channels: their senders count as the owner only while no owner is configured at all (no allowFrom entry but "*", no approvers). Default ["webchat"]; [] turns this off.',
      }),
    ),
    toolAccess: Type.Optional(
      Type.Union([Type.Literal("owner"), Type.Literal("read-only"), Type.Literal("any")], {
        description:
          "What the assistant's tools may do. owner (default): spawn, send, respond and kill only for a sender the host names and Wingman knows as an owner; read-only: those always refuse; any: they run for whoever talks to the assistant (an opt-out, logged as a warning). status and output work in every mode. A high-risk approve is never done by a tool.",
      }),
    ),
    reminderSeconds: Type.Optional(
      Type.Integer({ minimum: 30, description: "First reminder for a pending prompt after this many seconds." }),
    ),
    stalledSeconds: Type.Optional(
      Type.Integer({ minimum: 60, description: "A working session with no screen change for this long is stalled." }),
    ),
    pollSeconds: Type.Optional(
      Type.Number({ minimum: 0.2, maximum: 60, description: "Fallback poll interval of the monitor." }),
    ),
    autoTrust: Type.Optional(
      Type.Array(Type.String(), {
        description: "Folders (globs, ~ allowed) whose trust prompt Wingman answers Yes at spawn.",
      }),
    ),
    autoApprove: Type.Optional(
      Type.Array(AutoApproveRule, { description: "Low-risk prompts approved on your behalf (off when empty)." }),
    ),
    paneWidth: Type.Optional(Type.Integer({ minimum: 80, maximum: 500 })),
    paneHeight: Type.Optional(Type.Integer({ minimum: 24, maximum: 200 })),
    retentionHours: Type.Optional(
      Type.Number({ minimum: 0, description: "How long exited sessions stay listed before cleanup." }),
    ),
    worktrees: Type.Optional(
      Type.Union([Type.Literal("always"), Type.Literal("shared"), Type.Literal("off")], {
        description:
          "Git worktrees for sessions: always (default: every session in a git repository gets its own worktree and branch), shared (only when another live session already works in that repository), off (never). worktree=yes|no on one spawn wins.",
      }),
    ),
    worktreeRoot: Type.Optional(
      Type.String({
        description:
          "Where worktrees go: <worktreeRoot>/<repo name>/<NAME> (~ allowed). Default: <repo's parent>/<repo name>.worktrees/<NAME>.",
      }),
    ),
    branchPrefix: Type.Optional(
      Type.String({
        pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]*$",
        description: "Prefix of a session's branch (default wingman/).",
      }),
    ),
    audit: Type.Optional(
      Type.Object(
        {
          keep: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 50,
              description: "Old audit and history files kept beside the live one (default 5).",
            }),
          ),
          maxBytes: Type.Optional(
            Type.Integer({
              minimum: 10_000,
              description: "Size at which the audit and history files rotate (default 1000000).",
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    prices: Type.Optional(
      Type.Record(
        Type.String({ minLength: 1 }),
        Type.Object(
          {
            input: Type.Number({ minimum: 0, description: "Dollars per million uncached input tokens." }),
            output: Type.Number({ minimum: 0, description: "Dollars per million output tokens." }),
            cacheRead: Type.Number({ minimum: 0, description: "Dollars per million tokens read from a cache." }),
            cacheWrite: Type.Optional(
              Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
                description: "Dollars per million tokens written to a cache (null: billed as input).",
              }),
            ),
            contextWindow: Type.Optional(Type.Integer({ minimum: 1, description: "The model's context window." })),
          },
          { additionalProperties: false },
        ),
        { description: "Prices per model that override or add to the built-in table (docs/usage.md)." },
      ),
    ),
    budgets: Type.Optional(
      Type.Object(
        {
          sessionUsd: Type.Optional(
            Type.Number({ exclusiveMinimum: 0, description: "Dollars one session may use before it is held." }),
          ),
          dayUsd: Type.Optional(
            Type.Number({ exclusiveMinimum: 0, description: "Dollars all sessions may use in a local day." }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    web: Type.Optional(
      Type.Object(
        {
          allowedHosts: Type.Optional(
            Type.Array(Type.String({ minLength: 1 }), {
              description:
                "Names (host or host:port) the web page may be reached by besides the bound address and localhost, e.g. a proxy's.",
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** One host as written in the config; an agent's older per-host key (see its settings.ts) is any other key. */
export type HostSettingsInput = NonNullable<Static<typeof ConfigSchema>["hosts"]>[string] & {
  agents?: Record<string, { command?: string }>;
  [olderAgentKey: string]: unknown;
};

/** The config as written. The agents' parts are declared by the agents, so here they are open records. */
export type WingmanConfigInput = Omit<Static<typeof ConfigSchema>, "agents" | "hosts"> & {
  agents?: Record<string, Record<string, unknown>>;
  hosts?: Record<string, HostSettingsInput>;
  [olderAgentKey: string]: unknown;
};
export type AutoApproveRuleT = Static<typeof AutoApproveRule>;

/** What the assistant's tools may do (config `toolAccess`). */
export type ToolAccess = "owner" | "read-only" | "any";

/** The config with every default applied: the only shape the rest of Wingman reads. */
export interface WingmanConfig {
  stateDir?: string;
  tmuxSocket?: string;
  /** Every registered agent's settings by id, defaults and WINGMAN_<ID>_COMMAND applied. */
  agents: Record<string, AgentSettings>;
  /** An agent id (checked against the registered agents where a session is started). */
  defaultAgent: string;
  hosts: Record<string, HostSettings>;
  notify: { targets?: string[]; to?: string; accountId?: string; quietHours?: string };
  approvers: string[];
  localChannels: string[];
  toolAccess: ToolAccess;
  reminderSeconds: number;
  stalledSeconds: number;
  pollSeconds: number;
  autoTrust: string[];
  autoApprove: AutoApproveRuleT[];
  paneWidth: number;
  paneHeight: number;
  retentionHours: number;
  worktrees: "always" | "shared" | "off";
  worktreeRoot?: string;
  branchPrefix: string;
  audit: { keep: number; maxBytes: number };
  web: { allowedHosts: string[] };
  /** Per model, prices that override the built-in table (core/usage/prices.ts). */
  prices: Record<string, ModelPrice>;
  budgets: { sessionUsd?: number; dayUsd?: number };
}

export const DEFAULTS = {
  defaultAgent: DEFAULT_AGENT,
  reminderSeconds: 300,
  stalledSeconds: 900,
  pollSeconds: 2,
  paneWidth: 200,
  paneHeight: 50,
  retentionHours: 72,
  audit: { keep: 5, maxBytes: 1_000_000 },
  localChannels: ["webchat"],
  toolAccess: "owner",
  worktrees: "always",
  branchPrefix: "wingman/",
} as const;

export class ConfigError extends Error {}

/** Validate a raw config object (as the host passes it) and apply defaults. Throws ConfigError naming the field. */
export function resolveConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): WingmanConfig {
  const input = raw ?? {};
  if (!Value.Check(ConfigSchema, input)) {
    const first = [...Value.Errors(ConfigSchema, input)][0];
    const where = first?.path ? first.path.replace(/^\//, "").replace(/\//g, ".") : "(root)";
    throw new ConfigError(`invalid Wingman config at ${where}: ${first?.message ?? "not valid"}`);
  }
  const c = input as WingmanConfigInput;
  // A Bash rule must name its command: { tool: "Bash" } alone (or a pattern of only *) would approve anything.
  for (const [i, r] of (c.autoApprove ?? []).entries()) {
    if (r.tool === "Bash" && !r.pattern?.replace(/[\s*]/g, "")) {
      throw new ConfigError(
        `invalid Wingman config at autoApprove.${i}: a Bash rule needs a pattern naming the command, e.g. { "tool": "Bash", "pattern": "npm test*" } (got ${JSON.stringify(r)})`,
      );
    }
  }
  return {
    stateDir: env.WINGMAN_STATE_DIR || c.stateDir,
    tmuxSocket: env.WINGMAN_TMUX_SOCKET || c.tmuxSocket,
    agents: resolveAgents(c as Record<string, unknown>, env),
    defaultAgent: c.defaultAgent ?? DEFAULTS.defaultAgent,
    hosts: resolveHosts(c.hosts ?? {}),
    notify: { ...c.notify },
    approvers: c.approvers ?? [],
    localChannels: c.localChannels ?? [...DEFAULTS.localChannels],
    toolAccess: c.toolAccess ?? DEFAULTS.toolAccess,
    reminderSeconds: c.reminderSeconds ?? DEFAULTS.reminderSeconds,
    stalledSeconds: c.stalledSeconds ?? DEFAULTS.stalledSeconds,
    pollSeconds: c.pollSeconds ?? DEFAULTS.pollSeconds,
    autoTrust: c.autoTrust ?? [],
    autoApprove: c.autoApprove ?? [],
    paneWidth: c.paneWidth ?? DEFAULTS.paneWidth,
    paneHeight: c.paneHeight ?? DEFAULTS.paneHeight,
    retentionHours: c.retentionHours ?? DEFAULTS.retentionHours,
    worktrees: c.worktrees ?? DEFAULTS.worktrees,
    ...(c.worktreeRoot ? { worktreeRoot: c.worktreeRoot } : {}),
    branchPrefix: c.branchPrefix ?? DEFAULTS.branchPrefix,
    audit: { keep: c.audit?.keep ?? DEFAULTS.audit.keep, maxBytes: c.audit?.maxBytes ?? DEFAULTS.audit.maxBytes },
    web: { allowedHosts: c.web?.allowedHosts ?? [] },
    prices: Object.fromEntries(
      Object.entries(c.prices ?? {}).map(([m, p]) => [m, { ...p, cacheWrite: p.cacheWrite ?? null }]),
    ),
    budgets: { ...c.budgets },
  };
}

export function expandHome(p: string, home = homedir()): string {
  if (p === "~") return home;
  if (p.startsWith("~/")) return join(home, p.slice(2));
  return p;
}

/**
 * Where state lives (docs/configuration.md, "Where state lives"): WINGMAN_STATE_DIR; else config stateDir; else
 * <host state dir>/wingman; else $XDG_STATE_HOME/claude-code-wingman. The CLI and the host resolve it the
 * same way, so a session started from the phone is visible in the terminal.
 */
export function resolveStateDir(
  opts: { configStateDir?: string; hostStateDir?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = env.HOME || homedir();
  const abs = (p: string) => (isAbsolute(expandHome(p, home)) ? expandHome(p, home) : resolve(expandHome(p, home)));
  if (env.WINGMAN_STATE_DIR) return abs(env.WINGMAN_STATE_DIR);
  if (opts.configStateDir) return abs(opts.configStateDir);
  const host =
    opts.hostStateDir ||
    env.OPENCLAW_STATE_DIR ||
    env.CLAWDBOT_STATE_DIR ||
    [join(home, ".openclaw"), join(home, ".clawdbot")].find((d) => existsSync(d));
  if (host) return join(abs(host), "wingman");
  const xdg = env.XDG_STATE_HOME || join(home, ".local", "state");
  return join(abs(xdg), "claude-code-wingman");
}

/** Each agent's settings: `agents.<id>` or an older key of the agent's, over its defaults; its variable wins for the program. */
function resolveAgents(c: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, AgentSettings> {
  const given = (c.agents ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out: Record<string, AgentSettings> = {};
  for (const a of AGENTS) {
    const keys = [`agents.${a.id}`, ...a.settings.configAliases].filter(
      (k) => (k.startsWith("agents.") ? given[a.id] : c[k]) !== undefined,
    );
    if (keys.length > 1)
      throw new ConfigError(
        `invalid Wingman config: ${keys.join(" and ")} both set ${a.label}'s settings: keep ${keys[0]}`,
      );
    const own =
      given[a.id] ??
      (a.settings.configAliases.map((k) => c[k]).find((v) => v !== undefined) as Record<string, unknown> | undefined) ??
      {};
    const merged = { ...a.settings.defaults, ...own } as AgentSettings;
    const fromEnv = env[a.settings.commandVariable];
    out[a.id] = { ...merged, args: [...merged.args], ...(fromEnv ? { command: fromEnv } : {}) };
  }
  return out;
}

/** Each host with its agents' programs under `agents` (an agent's older per-host key folded in). */
function resolveHosts(hosts: NonNullable<WingmanConfigInput["hosts"]>): Record<string, HostSettings> {
  const out: Record<string, HostSettings> = {};
  for (const [name, raw] of Object.entries(hosts)) {
    const h = raw;
    const agents: Record<string, { command?: string }> = {};
    for (const a of AGENTS) {
      const keys = [
        ...(h.agents?.[a.id]?.command !== undefined ? [`agents.${a.id}.command`] : []),
        ...a.settings.hostCommandAliases.filter((k) => h[k] !== undefined),
      ];
      if (keys.length > 1)
        throw new ConfigError(
          `invalid Wingman config at hosts.${name}: ${keys.join(" and ")} both name ${a.label}'s program: keep ${keys[0]}`,
        );
      const command =
        h.agents?.[a.id]?.command ??
        (a.settings.hostCommandAliases.map((k) => h[k]).find((v) => v !== undefined) as string | undefined);
      if (command !== undefined) agents[a.id] = { command };
    }
    out[name] = {
      kind: "ssh",
      ssh: h.ssh,
      ...(h.sshConfig !== undefined ? { sshConfig: String(h.sshConfig) } : {}),
      ...(h.stateDir !== undefined ? { stateDir: String(h.stateDir) } : {}),
      ...(h.env !== undefined ? { env: h.env as Record<string, string> } : {}),
      agents,
    };
  }
  return out;
}

/**
 * One agent's settings (config `agents.<id>`, its variable applied); on another host, that host's own
 * program (`hosts.<h>.agents.<id>.command`) when it names one.
 */
export function agentSettings(config: WingmanConfig, agentId: string, host: string | null = null): AgentSettings {
  const own = config.agents[agentId];
  if (!own) throw new ConfigError(`Wingman has no settings for the agent ${JSON.stringify(agentId)}`);
  const there = host === null ? undefined : config.hosts[host]?.agents[agentId]?.command;
  return { ...own, ...(there ? { command: there } : {}) };
}
