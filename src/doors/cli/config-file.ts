// Where the CLI finds its settings, so that it behaves like the plugin inside the host:
// $WINGMAN_CONFIG (a file of Wingman settings), else the host's config file entry for this plugin
// (plugins.entries.claude-code-wingman.config): the file named by $OPENCLAW_CONFIG_PATH or
// $CLAWDBOT_CONFIG_PATH, else openclaw.json / clawdbot.json / moltbot.json in the host's state dir; else none.
// Host config files are JSON5 (comments, trailing commas), read with the json5 package as the hosts do.
// A file that is there but cannot be read or parsed is never skipped in silence: the CLI would then look at
// another state dir than the phone. It says so on stderr, naming the file and the line, and goes on with
// defaults; a $WINGMAN_CONFIG that cannot be read is an error (it was asked for by name).
import { access, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";

export const PLUGIN_ID = "claude-code-wingman";

export interface CliConfig {
  /** The plugin's settings, or {} when there are none. */
  config: unknown;
  /** The file they came from, if any. */
  file?: string;
  /** What went wrong reading a host's file, one line each, for stderr. */
  warnings: string[];
}

export class ConfigFileError extends Error {}

/** The file's settings, or a message naming the file and where it broke. */
export function parseConfigText(
  text: string,
  file: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON5.parse(text) };
  } catch (e) {
    const err = e as { lineNumber?: number; columnNumber?: number; message?: string };
    const where = err.lineNumber
      ? ` line ${err.lineNumber}${err.columnNumber ? ` column ${err.columnNumber}` : ""}`
      : "";
    const why = String(err.message ?? e)
      .replace(/^JSON5: /, "")
      .replace(/ at \d+:\d+$/, "");
    return { ok: false, message: `${file}${where}: ${why}` };
  }
}

export async function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Promise<CliConfig> {
  if (env.WINGMAN_CONFIG) {
    const file = env.WINGMAN_CONFIG;
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw new ConfigFileError(
        `cannot read WINGMAN_CONFIG ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
    }
    const parsed = parseConfigText(text, file);
    if (!parsed.ok) throw new ConfigFileError(`cannot parse WINGMAN_CONFIG ${parsed.message}`);
    return { config: parsed.value, file, warnings: [] };
  }
  const warnings: string[] = [];
  const home = env.HOME || homedir();
  const named: Array<[string, string | undefined]> = [
    ["OPENCLAW_CONFIG_PATH", env.OPENCLAW_CONFIG_PATH],
    ["CLAWDBOT_CONFIG_PATH", env.CLAWDBOT_CONFIG_PATH],
  ];
  const candidates: string[] = [];
  for (const [name, path] of named) {
    if (!path) continue;
    candidates.push(path);
    if (!(await exists(path)))
      warnings.push(`${name} names ${path}, which cannot be read; using the next host config or defaults`);
  }
  candidates.push(
    ...[
      env.OPENCLAW_STATE_DIR && join(env.OPENCLAW_STATE_DIR, "openclaw.json"),
      env.CLAWDBOT_STATE_DIR && join(env.CLAWDBOT_STATE_DIR, "clawdbot.json"),
      env.CLAWDBOT_STATE_DIR && join(env.CLAWDBOT_STATE_DIR, "moltbot.json"),
      join(home, ".openclaw", "openclaw.json"),
      join(home, ".clawdbot", "clawdbot.json"),
      join(home, ".clawdbot", "moltbot.json"),
    ].filter((x): x is string => !!x),
  );
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") continue;
      warnings.push(
        `cannot read the host config ${file} (${code ?? String(e)}); Wingman runs with its default settings, which may differ from the host's`,
      );
      return { config: {}, warnings };
    }
    const parsed = parseConfigText(text, file);
    if (!parsed.ok) {
      warnings.push(
        `cannot parse the host config ${parsed.message}; Wingman runs with its default settings, which may differ from the host's`,
      );
      return { config: {}, warnings };
    }
    const cfg = parsed.value as { plugins?: { entries?: Record<string, { config?: unknown }> } } | null;
    return { config: cfg?.plugins?.entries?.[PLUGIN_ID]?.config ?? {}, file, warnings };
  }
  return { config: {}, warnings };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
