// A throwaway HOME for the real Gemini CLI, seeded so it reaches its prompt offline against the mock
// (docs/gemini.md, "Offline test recipe"), and the environment of its launch line. Runs under vitest and
// under plain Node 24 type stripping.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The Gemini CLI version the seed and the recorded screens belong to. */
export const GEMINI_VERSION = "0.61.0";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The CLI of the pinned devDependency: a Node script (`#!/usr/bin/env node`). */
export const GEMINI_BIN = join(ROOT, "node_modules", "@google", "gemini-cli", "bundle", "gemini.js");
/** The project's own Node 24 (the `node` devDependency), first on the agent's PATH. */
const NODE_DIR = join(ROOT, "node_modules", "node", "bin");

export function requireGemini(): void {
  if (!existsSync(GEMINI_BIN)) {
    throw new Error(
      `the Gemini CLI is not installed at ${GEMINI_BIN}: run \`npm ci\` (@google/gemini-cli ${GEMINI_VERSION} is a pinned devDependency)`,
    );
  }
}

export interface GeminiSeed {
  /** Folders whose trust question is already answered. */
  trustedDirs?: string[];
  /** false leaves the first-run "Get started" (authentication) dialog in place. */
  auth?: boolean;
}

/** Write `~/.gemini/settings.json` (API-key auth chosen, no update check) and `trustedFolders.json`. */
export function seedGeminiHome(home: string, o: GeminiSeed = {}): void {
  const dir = join(home, ".gemini");
  mkdirSync(dir, { recursive: true });
  const settings: Record<string, unknown> = {
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  };
  if (o.auth !== false) settings.security = { auth: { selectedType: "gemini-api-key" } };
  writeFileSync(join(dir, "settings.json"), `${JSON.stringify(settings, null, 2)}\n`);
  const trusted = Object.fromEntries((o.trustedDirs ?? []).map((d) => [d, "TRUST_FOLDER"]));
  writeFileSync(join(dir, "trustedFolders.json"), `${JSON.stringify(trusted, null, 2)}\n`);
}

/** The complete environment of the launch line (nothing of the developer's inherited). */
export function geminiEnv(o: { home: string; mockUrl: string }): Record<string, string> {
  return {
    PATH: `${NODE_DIR}:/usr/local/bin:/usr/bin:/bin`,
    HOME: o.home,
    XDG_CONFIG_HOME: join(o.home, ".config"),
    XDG_CACHE_HOME: join(o.home, ".cache"),
    XDG_DATA_HOME: join(o.home, ".local", "share"),
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    GEMINI_API_KEY: "mock-key",
    GOOGLE_GEMINI_BASE_URL: o.mockUrl,
    NO_PROXY: "127.0.0.1,localhost",
  };
}
