// What every screen recorder (scripts/record-*screens.ts) does alike: load the project's TypeScript under
// plain Node, keep a fixtures folder and its manifest (what each recorded screen is), save a screen (and the
// same at 80 columns), and run the scenarios named on the command line. What differs (how an agent is
// started, its markers, its scenarios) stays in its recorder.
//
// A recorder imports this file first, by its .ts name (Node 24 strips the types), and only then, with
// `await import(…)`, the project's modules: importing this file registers the hook those need.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { join } from "node:path";
import type { ClaudePane } from "./record-driver.js";

// The project imports with `.js` suffixes (what tsc wants); plain Node must be told those are .ts files.
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && specifier.endsWith(".js")) return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});

/** The narrow width every agent is also recorded at (a phone's terminal, a split pane). */
export const NARROW = 80;
const WIDE = 200;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ManifestEntry {
  file: string;
  /** The same screen with its colours (`capture-pane -e`), for an agent that says things by colour alone. */
  colours?: string;
  scenario: string;
  width: number;
  paneDead: boolean;
  note: string;
}

export interface FixtureOptions {
  /** How long the agent takes to redraw after a resize: to 80 columns, and back to 200. */
  redrawMs: [narrow: number, wide: number];
  /** Also save each screen with its colours as NAME.e.txt (OpenCode). */
  colours?: (pane: ClaudePane) => Promise<string>;
}

/** A fixtures folder (test/fixtures/<agent>/<agent>-<version>/) and its manifest.json, kept across runs. */
export class Fixtures {
  readonly out: string;
  readonly manifest: Record<string, ManifestEntry>;
  private readonly o: FixtureOptions;
  private readonly manifestPath: string;

  // No parameter properties: Node runs this file by stripping the types, which cannot express them.
  constructor(out: string, o: FixtureOptions) {
    this.out = out;
    this.o = o;
    this.manifestPath = join(out, "manifest.json");
    mkdirSync(out, { recursive: true });
    this.manifest = existsSync(this.manifestPath) ? JSON.parse(readFileSync(this.manifestPath, "utf8")) : {};
  }

  /** Write `screen` as NAME.txt (with its colours as NAME.e.txt when the agent's are kept) and note it. */
  private async write(pane: ClaudePane, scenario: string, name: string, note: string, width: number, screen: string) {
    const colours = this.o.colours ? await this.o.colours(pane) : undefined;
    const paneDead = await pane.paneDead();
    writeFileSync(join(this.out, `${name}.txt`), screen);
    if (colours !== undefined) writeFileSync(join(this.out, `${name}.e.txt`), colours);
    this.manifest[name] = {
      file: `${name}.txt`,
      ...(colours !== undefined ? { colours: `${name}.e.txt` } : {}),
      scenario,
      width,
      paneDead,
      note,
    };
    console.log(`  saved ${name}${paneDead ? " (pane dead)" : ""}`);
  }

  /**
   * Save the screen (or `screen`, one caught earlier) as NAME; with `narrow`, the pane resized to 80 columns,
   * saved again as NAME.narrow, and resized back. Returns the screen saved first.
   */
  save = async (
    pane: ClaudePane,
    scenario: string,
    name: string,
    note: string,
    o: { narrow?: boolean; screen?: string; width?: number } = {},
  ): Promise<string> => {
    const screen = o.screen ?? (await pane.capture());
    await this.write(pane, scenario, name, note, o.width ?? WIDE, screen);
    if (o.narrow) {
      await pane.resize(NARROW);
      await sleep(this.o.redrawMs[0]);
      await this.write(pane, scenario, `${name}.narrow`, `${note} (80 columns)`, NARROW, await pane.capture());
      await pane.resize(WIDE);
      await sleep(this.o.redrawMs[1]);
    }
    return screen;
  };

  /** The manifest, sorted by name (re-recordings then differ only where the screens do). */
  writeManifest(): void {
    const sorted = Object.fromEntries(Object.entries(this.manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileSync(this.manifestPath, `${JSON.stringify(sorted, null, 2)}\n`);
  }
}

/**
 * Run the scenarios named on the command line (none: all), each on its own: a failed one is reported and
 * the others still run. The manifest is written after each, then `done` (close the mock, remove the
 * scratch folder); the process exits 1 if any failed or was unknown.
 */
export async function runScenarios(
  scenarios: Record<string, () => Promise<void>>,
  fixtures: Fixtures,
  done: () => Promise<void>,
): Promise<never> {
  const wanted = process.argv.slice(2);
  const failures: string[] = [];
  for (const name of wanted.length ? wanted : Object.keys(scenarios)) {
    const scenario = scenarios[name];
    if (!scenario) {
      console.error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(", ")}`);
      failures.push(name);
      continue;
    }
    console.log(`scenario ${name}`);
    try {
      await scenario();
    } catch (error) {
      console.error(`scenario ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      failures.push(name);
    }
    fixtures.writeManifest();
  }
  await done();
  if (failures.length) console.error(`failed: ${failures.join(", ")}`);
  process.exit(failures.length ? 1 : 0);
}
