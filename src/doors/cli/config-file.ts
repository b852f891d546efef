// Where the CLI finds its settings, so that it behaves like the plugin inside the host:
// $WINGMAN_CONFIG (a JSON file of Wingman settings), else the host's config file entry for this plugin
// (plugins.entries.claude-code-wingman.config in openclaw.json / clawdbot.json / moltbot.json), else none.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export const PLUGIN_ID = "claude-code-wingman";

export async function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  if (env.WINGMAN_CONFIG) {
    const text = await readFile(env.WINGMAN_CONFIG, "utf8");
    return JSON.parse(text);
  }
  const home = env.HOME || homedir();
  const candidates = [
    env.OPENCLAW_STATE_DIR && join(env.OPENCLAW_STATE_DIR, "openclaw.json"),
    env.CLAWDBOT_STATE_DIR && join(env.CLAWDBOT_STATE_DIR, "clawdbot.json"),
    env.CLAWDBOT_STATE_DIR && join(env.CLAWDBOT_STATE_DIR, "moltbot.json"),
    join(home, ".openclaw", "openclaw.json"),
    join(home, ".clawdbot", "clawdbot.json"),
    join(home, ".clawdbot", "moltbot.json"),
  ].filter((x): x is string => !!x);
  for (const file of candidates) {
    const text = await readFile(file, "utf8").catch(() => null);
    if (text === null) continue;
    try {
      const cfg = JSON.parse(text) as { plugins?: { entries?: Record<string, { config?: unknown }> } };
      return cfg.plugins?.entries?.[PLUGIN_ID]?.config ?? {};
    } catch {
      // The host's file may be JSON5; the host validates it. The CLI then runs with defaults.
      return {};
    }
  }
  return {};
}
