// A throwaway HOME for the real Claude Code CLI, seeded so it reaches the prompt offline against the mock
// (docs/claude-code.md, "Offline test recipe"), and the environment
// of its launch line. Runs under vitest and under plain Node 24 type stripping.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A syntactically valid Anthropic key that no server accepts: `sk-ant-api03-` + 95 characters. */
export const FAKE_API_KEY = `sk-ant-api03-${"wingmanTestKey0".repeat(7).slice(0, 93)}AA`;

/** The Claude Code version the seed and the recorded screens belong to. */
export const CLAUDE_VERSION = "2.1.331";

/** The CLI installed as this project's devDependency. */
export const CLAUDE_BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", ".bin", "claude");

export interface SeedOptions {
  apiKey: string;
  /** Folders whose trust prompt is already answered. */
  trustedDirs?: string[];
  /** false leaves every first-run dialog in place (theme picker, API-key question, auto-mode nudge). */
  onboarding?: boolean;
  /** Keys of ~/.claude.json to leave out, to bring back one first-run dialog at a time. */
  omitKeys?: string[];
  /** permissions.defaultMode in ~/.claude/settings.json ("default" = ask before acting). */
  defaultMode?: "default" | "auto" | "acceptEdits" | "plan";
}

// The keys that belong to first-run dialogs (docs/claude-code.md, "Offline test recipe": which missing key brings which dialog back).
const FIRST_RUN_KEYS = [
  "hasCompletedOnboarding",
  "lastOnboardingVersion",
  "customApiKeyResponses",
  "hasSeenAutoDefaultNotice",
  "hasSeenAutoDefaultNudge",
];

export function seedClaudeHome(home: string, opts: SeedOptions): void {
  const omit = new Set([...(opts.omitKeys ?? []), ...(opts.onboarding === false ? FIRST_RUN_KEYS : [])]);
  const state: Record<string, unknown> = {
    hasCompletedOnboarding: true,
    lastOnboardingVersion: CLAUDE_VERSION,
    lastReleaseNotesSeen: CLAUDE_VERSION,
    theme: "dark",
    autoUpdates: false,
    // The CLI remembers approved keys by their last 20 characters.
    customApiKeyResponses: { approved: [opts.apiKey.slice(-20)], rejected: [] },
    hasSeenAutoDefaultNotice: true,
    hasSeenAutoDefaultNudge: true,
    // Without these the CLI tries the official plugin marketplace (CONNECT downloads.claude.ai, github.com).
    officialMarketplaceAutoInstallAttempted: true,
    officialMarketplaceAutoInstalled: false,
    officialMarketplaceAutoInstallNextRetryTime: 4102444800000,
  };
  for (const key of omit) delete state[key];
  if (opts.trustedDirs?.length) {
    state.projects = Object.fromEntries(opts.trustedDirs.map((d) => [d, { hasTrustDialogAccepted: true }]));
  }
  mkdirSync(join(home, ".claude"), { recursive: true });
  writeFileSync(join(home, ".claude.json"), `${JSON.stringify(state, null, 2)}\n`);
  const settings = {
    permissions: { defaultMode: opts.defaultMode ?? "default" },
    env: { DISABLE_AUTOUPDATER: "1" },
  };
  writeFileSync(join(home, ".claude", "settings.json"), `${JSON.stringify(settings, null, 2)}\n`);
}

export interface ClaudeEnvOptions {
  home: string;
  /** The mock's base URL (http://127.0.0.1:PORT); also used as the proxy so nothing leaves the box. */
  mockUrl: string;
  apiKey: string;
  /** CLAUDE_CODE_MAX_RETRIES; the default (10) takes minutes to give up. */
  maxRetries?: number;
  /** Folder holding the `claude` executable (put first on PATH). */
  binDir?: string;
  term?: string;
}

/** The complete environment of the launch line (meant for `env -i`-style use: nothing else inherited). */
export function claudeEnv(o: ClaudeEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    PATH: `${o.binDir ?? dirname(CLAUDE_BIN)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: o.home,
    TERM: o.term ?? "xterm-256color",
    LANG: "C.UTF-8",
    ANTHROPIC_BASE_URL: o.mockUrl,
    ANTHROPIC_API_KEY: o.apiKey,
    HTTPS_PROXY: o.mockUrl,
    HTTP_PROXY: o.mockUrl,
    NO_PROXY: "127.0.0.1,localhost",
    DISABLE_AUTOUPDATER: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY: "1",
  };
  if (o.maxRetries !== undefined) env.CLAUDE_CODE_MAX_RETRIES = String(o.maxRetries);
  return env;
}

/**
 * The real Claude Code against a mock, for a host's gateway: `<root>/home` seeded (trusting `work`) and an
 * executable `<root>/claude-via-mock` that gives the agent, and only the agent, the mock's environment, so the
 * gateway that starts it keeps its own. Returns the wrapper's path (the plugin's claude command).
 */
export function claudeViaMock(root: string, mockUrl: string, work: string): string {
  const home = join(root, "home");
  seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [work] });
  const assigns = Object.entries(claudeEnv({ home, mockUrl, apiKey: FAKE_API_KEY, maxRetries: 1 }))
    .map(([k, v]) => `${k}='${v}'`)
    .join(" ");
  const wrapper = join(root, "claude-via-mock");
  writeFileSync(wrapper, `#!/bin/sh\nexec env ${assigns} '${CLAUDE_BIN}' "$@"\n`, { mode: 0o755 });
  return wrapper;
}
