// The CLI reads the host's config as the host does (JSON5), from the file the host's own variables name,
// and says so on stderr, naming the file and line, when it cannot: never a silent fall-back to defaults.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigFileError, loadCliConfig } from "../../src/doors/cli/config-file.js";

describe("cli config file", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-cfg-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const json5 = `// OpenClaw writes comments and trailing commas
{
  gateway: { mode: "local", },
  plugins: {
    entries: {
      "claude-code-wingman": { enabled: true, config: { stateDir: "/srv/wm", reminderSeconds: 120, }, },
    },
  },
}
`;

  it("reads OpenClaw's JSON5 (comments, unquoted keys, trailing commas) from OPENCLAW_CONFIG_PATH", async () => {
    const file = join(dir, "elsewhere.json");
    await writeFile(file, json5);
    const r = await loadCliConfig({ HOME: dir, OPENCLAW_CONFIG_PATH: file });
    expect(r).toEqual({ config: { stateDir: "/srv/wm", reminderSeconds: 120 }, file, warnings: [] });
  });

  it("honours CLAWDBOT_CONFIG_PATH, and the state dirs' default file names", async () => {
    const file = join(dir, "cb.json");
    await writeFile(file, json5);
    expect((await loadCliConfig({ HOME: dir, CLAWDBOT_CONFIG_PATH: file })).file).toBe(file);
    await writeFile(join(dir, "openclaw.json"), json5);
    expect((await loadCliConfig({ HOME: "/nonexistent", OPENCLAW_STATE_DIR: dir })).config).toMatchObject({
      stateDir: "/srv/wm",
    });
  });

  it("a broken host config: a warning naming the file and line, and defaults (not a silent other state dir)", async () => {
    const file = join(dir, "openclaw.json");
    await writeFile(file, "{\n  plugins: {\n    entries: { oops }\n  }\n}\n");
    const r = await loadCliConfig({ HOME: dir, OPENCLAW_CONFIG_PATH: file });
    expect(r.config).toEqual({});
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain(`${file} line 3 column`);
    expect(r.warnings[0]).toContain("default settings");
  });

  it("a named config path that is not there is said, then the next one is used", async () => {
    await writeFile(join(dir, "openclaw.json"), json5);
    const r = await loadCliConfig({
      HOME: "/nonexistent",
      OPENCLAW_CONFIG_PATH: join(dir, "missing.json"),
      OPENCLAW_STATE_DIR: dir,
    });
    expect(r.warnings[0]).toContain(`OPENCLAW_CONFIG_PATH names ${join(dir, "missing.json")}`);
    expect(r.config).toMatchObject({ stateDir: "/srv/wm" });
  });

  it("no host config at all: defaults, no warning", async () => {
    expect(await loadCliConfig({ HOME: dir })).toEqual({ config: {}, warnings: [] });
  });

  it("WINGMAN_CONFIG is asked for by name: unreadable or unparsable is an error", async () => {
    await expect(loadCliConfig({ HOME: dir, WINGMAN_CONFIG: join(dir, "none.json") })).rejects.toBeInstanceOf(
      ConfigFileError,
    );
    const bad = join(dir, "wm.json");
    await writeFile(bad, "{ stateDir: }");
    await expect(loadCliConfig({ HOME: dir, WINGMAN_CONFIG: bad })).rejects.toThrow(`${bad} line 1 column`);
    await writeFile(bad, '{ "stateDir": "/x", }');
    expect((await loadCliConfig({ HOME: dir, WINGMAN_CONFIG: bad })).config).toEqual({ stateDir: "/x" });
  });
});
