// The layout's rules, checked on the code's own imports (docs/architecture.md): imports run one way
// (api ← core ← doors; agents, hosts and format below, blind to what is above them), there are no cycles,
// and the core names no agent. A failure names the file and the import that breaks a rule.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Relative imports of a file, as repo paths of .ts files (`import type` counts: a type ties layers too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)) {
    out.push(relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts"))));
  }
  return out;
}

/** The string and template literals of a TypeScript file (comments and regular expressions left out). */
function stringsOf(text: string): string[] {
  const out: string[] = [];
  // One pass over the text: comments are skipped, literals collected; a `/` after an operator starts a regex.
  const token =
    /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|(?<=[=(,:!&|?{};\n]\s*)\/(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n])+\/[a-z]*/g;
  for (const m of text.matchAll(token)) {
    const t = m[0];
    if (t.startsWith('"') || t.startsWith("'") || t.startsWith("`")) out.push(t);
  }
  return out;
}

type Layer = "api" | "config" | "hosts" | "agents" | "format" | "core" | "doors" | "index" | "workspaces";

function layerOf(path: string): Layer {
  const top = path.split("/")[0]!;
  if (path === "index.ts") return "index";
  if (path === "config.ts") return "config";
  return top as Layer;
}

/** What each layer may import. Agents and hosts are reached from above only through their declared entry points. */
function allowed(from: string, to: string): boolean {
  const a = layerOf(from);
  const b = layerOf(to);
  if (b === "api") return true;
  switch (a) {
    case "api":
      return false;
    case "config":
      // The config reads each agent's declared settings from the registry (it names no agent itself).
      return b === "config" || to === "agents/index.ts" || to === "agents/agent.ts";
    case "hosts":
      return b === "hosts";
    case "workspaces":
      // git on a session's machine: below the core, beside the hosts whose runner it uses.
      return b === "workspaces" || b === "hosts";
    case "format":
      // An agent's short word and speaker come from the registry, not from a table in format/.
      return b === "format" || to === "agents/index.ts";
    case "agents":
      // An agent's folder sees its own files and the interface; never another agent's folder. The registry
      // of agents (agents/index.ts) is the one file that names each folder.
      // The kit (agents/kit/) holds what adapters share; it sees only the interface and itself.
      if (from === "agents/index.ts") return b === "agents";
      if (from.startsWith("agents/kit/")) return to === "agents/agent.ts" || to.startsWith("agents/kit/");
      return (
        b === "agents" &&
        (to === "agents/agent.ts" || to.startsWith("agents/kit/") || to.split("/")[1] === from.split("/")[1])
      );
    case "core":
      // Hosts are made through their kinds' table (hosts/index.ts) and used through the interface (host.ts);
      // the signal-file format is shared with the hosts that read those files over a connection.
      return (
        b === "core" ||
        b === "config" ||
        to === "agents/agent.ts" ||
        to === "agents/index.ts" ||
        to === "hosts/index.ts" ||
        to === "hosts/host.ts" ||
        to === "hosts/signal-files.ts" ||
        b === "workspaces"
      );
    case "doors":
      return (
        b === "doors" ||
        b === "format" ||
        b === "config" ||
        b === "core" ||
        to === "agents/index.ts" ||
        to === "agents/agent.ts"
      );
    case "index":
      return b !== "agents" || to === "agents/index.ts";
  }
}

const all = files(SRC).map((f) => relative(SRC, f));
const graph = new Map(all.map((f) => [f, importsOf(join(SRC, f)).filter((t) => all.includes(t))]));

/** The agents: the folders under agents/ (kit/ is what they share). */
const agentIds = readdirSync(join(SRC, "agents"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== "kit")
  .map((e) => e.name);

/**
 * What names an agent in code or config: its id and folder, its chat words, its config aliases, its
 * variable, read from each agent's own index.ts and settings.ts (so a new agent's names count at once).
 */
function agentTokens(): Set<string> {
  const tokens = new Set(agentIds);
  for (const id of agentIds) {
    const text =
      readFileSync(join(SRC, "agents", id, "index.ts"), "utf8") +
      readFileSync(join(SRC, "agents", id, "settings.ts"), "utf8");
    for (const m of text.matchAll(/(?:words|configAliases|hostCommandAliases): \[([^\]]*)\]/g))
      for (const w of m[1]!.matchAll(/"([^"]+)"/g)) tokens.add(w[1]!);
    for (const m of text.matchAll(/commandVariable: "([^"]+)"/g)) tokens.add(m[1]!);
  }
  return tokens;
}
/** A line that spells an agent's name (the product's own name `claude-code-wingman` is not an agent's). */
const namesAgent = (() => {
  const token = new RegExp(`(?<![\\w-])(${[...agentTokens()].join("|")})(?![\\w-])`, "i");
  return (line: string) =>
    token.test(line.replace(/claude-code-wingman/g, "")) ||
    /claude|codex/i.test(line.replace(/claude-code-wingman/g, ""));
})();

describe("architecture", () => {
  it("imports run one way: api ← core ← doors; agents, hosts and format know nothing above them", () => {
    const wrong = [...graph].flatMap(([f, ts]) => ts.filter((t) => !allowed(f, t)).map((t) => `${f} → ${t}`));
    expect(wrong).toEqual([]);
  });

  it("has no import cycles", () => {
    // Tarjan's strongly connected components: any component of two or more files is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });

  it("the core names no agent: everything agent-specific lives in agents/<name>/", () => {
    const named = all
      .filter((f) => f.startsWith("core/"))
      .flatMap((f) =>
        readFileSync(join(SRC, f), "utf8")
          .split("\n")
          .map((line, i) => [`${f}:${i + 1}`, line] as const)
          .filter(([, line]) => namesAgent(line))
          .map(([where, line]) => `${where}: ${line.trim()}`),
      );
    expect(named).toEqual([]);
  });

  it("no module under core/ builds text for a person: no reply mark or emoji in its strings (format/ words outcomes)", () => {
    // The marks a reply starts with, and any pictograph (⏳, 🔐, …): a string in core/ holding one is a
    // sentence for a person. Regular expressions are left out (they read agents' screens, e.g. `ℹ tests`).
    const marks = /[✓✗⚠✅❌⏹▶]|\p{Extended_Pictographic}/u;
    const worded = all
      .filter((f) => f.startsWith("core/"))
      .flatMap((f) =>
        stringsOf(readFileSync(join(SRC, f), "utf8"))
          .filter((s) => marks.test(s))
          .map((s) => `${f}: ${s.slice(0, 80)}`),
      );
    expect(worded).toEqual([]);
  });

  it("a door never branches on a reply's text: no reply mark in a pattern or a text test under doors/", () => {
    // Doors learn what happened from the outcome's `ok`, `code`/`error` and `facts`; they never look at
    // the words (`/^[✗⚠]/.test(message)`, `message.startsWith("✓")`).
    const tests =
      /\/[^/\n]*[✓✗⚠✅❌⏹▶][^/\n]*\/[a-z]*\.(?:test|exec)\(|\.(?:startsWith|endsWith|includes|indexOf|match|replace)\(\s*(?:["'`][^"'`]*[✓✗⚠✅❌⏹▶]|\/[^/\n]*[✓✗⚠✅❌⏹▶])/u;
    const branching = all
      .filter((f) => f.startsWith("doors/"))
      .flatMap((f) =>
        readFileSync(join(SRC, f), "utf8")
          .split("\n")
          .map((line, i) => [`${f}:${i + 1}`, line] as const)
          .filter(([, line]) => tests.test(line))
          .map(([where, line]) => `${where}: ${line.trim()}`),
      );
    expect(branching).toEqual([]);
  });

  it("no source file passes ~300 lines without saying why at its top", () => {
    const long = all.filter((f) => {
      const text = readFileSync(join(SRC, f), "utf8");
      return text.split("\n").length > 320 && !/^\/\/ Longer than 300 lines: /m.test(text.slice(0, 2000));
    });
    expect(long).toEqual([]);
  });

  it("config.ts names no agent: each agent's settings, defaults and older names live in its folder", () => {
    const text = readFileSync(join(SRC, "config.ts"), "utf8");
    const named = text
      .split("\n")
      .flatMap((line, i) => (namesAgent(line) ? [`config.ts:${i + 1}: ${line.trim()}`] : []));
    expect(named).toEqual([]);
  });

  it("adding an agent changes only its folder and one line of agents/index.ts", () => {
    // Every agent folder is registered in agents/index.ts by one import and one entry of AGENTS.
    const ids = agentIds;
    expect(ids.length).toBeGreaterThan(2);
    const index = readFileSync(join(SRC, "agents/index.ts"), "utf8");
    for (const id of ids)
      expect(index.match(new RegExp(`from "\\./${id}/index\\.js"`, "g"))?.length, `agents/index.ts imports ${id}`).toBe(
        1,
      );
    // The AGENTS list is one line, so a new agent adds one import and one entry on that line.
    expect(index.match(/^export const AGENTS\b.*\];$/gm)?.length, "AGENTS is declared on one line").toBe(1);
    // No file outside that agent's folder spells one of its names (agents/index.ts only imports the folder).
    const tokens = agentTokens();
    expect([...tokens]).toEqual(
      expect.arrayContaining([
        "claude",
        "claudeCommand",
        "WINGMAN_CLAUDE_COMMAND",
        "codexCommand",
        "gemini",
        "WINGMAN_GEMINI_COMMAND",
      ]),
    );
    const token = new RegExp(`(?<![\\w-])(${[...tokens].join("|")})(?![\\w-])`);
    // agents/index.ts: the import of each folder, and the AGENTS line that lists them.
    const registration = /^(import .* from "\.\/[\w-]+\/index\.js";|export const AGENTS\b.*)$/;
    const outside = all.filter((f) => !ids.some((id) => f.startsWith(`agents/${id}/`)));
    const named = outside.flatMap((f) =>
      readFileSync(join(SRC, f), "utf8")
        .replace(/claude-code-wingman/g, "")
        .split("\n")
        .map((line, i) => [`${f}:${i + 1}`, line] as const)
        .filter(
          ([where, line]) => token.test(line) && !(where.startsWith("agents/index.ts:") && registration.test(line)),
        )
        .map(([where, line]) => `${where}: ${line.trim()}`),
    );
    expect(named).toEqual([]);
  });
});
