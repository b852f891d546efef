// A throwaway home for the real OpenCode, seeded so it reaches its prompt offline against the mock Responses
// API (docs/opencode.md, "Offline test recipe"), and the environment of its launch line. Runs under vitest
// and under plain Node 24 type stripping.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The OpenCode version the seed and the recorded screens belong to. */
export const OPENCODE_VERSION = "1.18.33";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The native program of the pinned devDependency (`opencode-ai` installs it through its optional dependency
 * `opencode-linux-x64`), run directly: the npm launcher only finds and execs this binary.
 */
export const OPENCODE_BIN = join(ROOT, "node_modules", "opencode-linux-x64", "bin", "opencode");

export function requireOpenCode(): void {
  if (!existsSync(OPENCODE_BIN)) {
    throw new Error(
      `OpenCode is not installed at ${OPENCODE_BIN}: run \`npm ci\` (opencode-ai ${OPENCODE_VERSION} is a pinned devDependency)`,
    );
  }
}

export interface OpenCodeDirs {
  home: string;
  config: string;
  data: string;
  state: string;
  cache: string;
}

/** Private HOME and XDG folders under `root`. */
export function openCodeDirs(root: string): OpenCodeDirs {
  return {
    home: join(root, "home"),
    config: join(root, "xdg", "config"),
    data: join(root, "xdg", "data"),
    state: join(root, "xdg", "state"),
    cache: join(root, "xdg", "cache"),
  };
}

/**
 * The user's own config (`$XDG_CONFIG_HOME/opencode/opencode.json`) as a person with an OpenAI key would have
 * it, pointed at the mock: provider `openai` with the mock as base URL, model `openai/gpt-5`, no update
 * check, no sharing. It says nothing about permissions: asking is what Wingman adds at launch.
 */
export function seedOpenCodeHome(dirs: OpenCodeDirs, o: { mockUrl: string }): void {
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.config, "opencode"), { recursive: true });
  const config = {
    $schema: "https://opencode.ai/config.json",
    provider: { openai: { options: { baseURL: `${o.mockUrl}/v1`, apiKey: "mock-key" } } },
    model: "openai/gpt-5",
    autoupdate: false,
    share: "disabled",
  };
  writeFileSync(join(dirs.config, "opencode", "opencode.json"), `${JSON.stringify(config, null, 2)}\n`);
}

/** The complete environment of the launch line (nothing of the developer's inherited). */
export function openCodeEnv(dirs: OpenCodeDirs): Record<string, string> {
  return {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_STATE_HOME: dirs.state,
    XDG_CACHE_HOME: dirs.cache,
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    NO_PROXY: "127.0.0.1,localhost",
    // No fetch of the model list from models.dev at start (offline it fails after seconds).
    OPENCODE_DISABLE_MODELS_FETCH: "1",
  };
}
