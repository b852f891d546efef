// A throwaway CODEX_HOME for the real Codex CLI, seeded so it reaches the prompt offline against the mock
// (docs/codex.md, "Offline test recipe"), and the environment of its launch line. Runs under vitest and
// under plain Node 24 type stripping.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The Codex CLI version the seed and the recorded screens belong to. */
export const CODEX_VERSION = "0.171.0";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The native program of the pinned devDependency, run directly: the npm shim (`node_modules/.bin/codex`)
 * only finds and execs this binary, and would add a Node process per session.
 */
export const CODEX_BIN = join(
  ROOT,
  "node_modules",
  "@openai",
  "codex-linux-x64",
  "vendor",
  "x86_64-unknown-linux-musl",
  "bin",
  "codex",
);

/** The key the mock provider reads from the environment (any value: the mock does not check it; not WINGMAN_*, which the core keeps from agents). */
export const MOCK_KEY_VAR = "MOCK_OPENAI_API_KEY";

export function requireCodex(): void {
  if (!existsSync(CODEX_BIN)) {
    throw new Error(
      `the Codex CLI is not installed at ${CODEX_BIN}: run \`npm ci\` (@openai/codex ${CODEX_VERSION} is a pinned devDependency)`,
    );
  }
}

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid TOML basic string

export interface CodexSeed {
  /** The mock's base URL (http://127.0.0.1:PORT). */
  mockUrl: string;
  /** Folders whose trust question is already answered. */
  trustedDirs?: string[];
  /** Extra top-level TOML lines (a `notify` for the recorder, hooks for the hooks screen…). */
  extra?: string[];
}

/** Write `$CODEX_HOME/config.toml`: the mock provider, no retries, no update check, trusted folders. */
export function seedCodexHome(codexHome: string, o: CodexSeed): void {
  mkdirSync(codexHome, { recursive: true });
  const lines = [
    // An unknown slug gets the plain `exec_command` function tool (docs/codex.md, "Offline test recipe").
    `model = "mock-model"`,
    `model_provider = "mock"`,
    `check_for_update_on_startup = false`,
    ...(o.extra ?? []),
    "",
    "[model_providers.mock]",
    `name = "Mock"`,
    `base_url = ${q(`${o.mockUrl}/v1`)}`,
    `env_key = ${q(MOCK_KEY_VAR)}`,
    `wire_api = "responses"`,
    // Errors show at once instead of after ~25 s of reconnecting.
    "request_max_retries = 0",
    "stream_max_retries = 0",
    "",
    ...(o.trustedDirs ?? []).flatMap((d) => [`[projects.${q(d)}]`, `trust_level = "trusted"`, ""]),
  ];
  writeFileSync(join(codexHome, "config.toml"), `${lines.join("\n")}\n`);
}

/** Forget every "don't ask again" prefix rule (`p` in the approval dialog writes them here). */
export function clearCodexRules(codexHome: string): void {
  rmSync(join(codexHome, "rules", "default.rules"), { force: true });
}

/** The complete environment of the launch line (nothing of the developer's inherited). */
export function codexEnv(o: { home: string; codexHome: string }): Record<string, string> {
  return {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: o.home,
    CODEX_HOME: o.codexHome,
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    [MOCK_KEY_VAR]: "mock-key",
    NO_PROXY: "127.0.0.1,localhost",
  };
}
