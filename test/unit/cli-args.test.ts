// The CLI's argv parsing, help and completion scripts, without a core: what a person types → the Request
// the core gets; help made from the chat grammar; prompts from a file or stdin.
import { describe, expect, it } from "vitest";
import { AGENTS, agentChoices } from "../../src/agents/index.js";
import { args, argvOf, promptFromFileText, requestFromArgv, shellWord, UsageError } from "../../src/doors/cli/argv.js";
import { COMMANDS, parseOptionsOf } from "../../src/doors/cli/commands.js";
import { completionScript } from "../../src/doors/cli/completion.js";
import { commandHelp, examplesOf, overview } from "../../src/doors/cli/help.js";
import { GRAMMAR, parseCommand } from "../../src/doors/phrases/grammar.js";
import { requestOf } from "../../src/doors/phrases/requests.js";

const files: Record<string, string> = {
  "crlf.txt": "first line\r\nsecond line\r\n\r\n",
  "empty.txt": "\n\n",
  "-": "from stdin\r\nline two\n",
};
const read = async (src: string) => {
  const t = files[src];
  if (t === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
  return t;
};
const parse = (argv: string[]) => requestFromArgv(argv[0]!, argv.slice(1), read);

/** Split a help line the way a POSIX shell would for these simple lines (single quotes only). */
function shellSplit(line: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return out;
}

describe("cli argv → request", () => {
  it("spawn: flags or positionals, --agent, --prompt-file (CRLF → LF, final breaks dropped)", async () => {
    expect((await parse(["spawn", "--session", "vsr", "--workdir", "/w", "--prompt", "fix it"])).request).toEqual({
      op: "spawn",
      req: { session: "vsr", workdir: "/w", prompt: "fix it" },
    });
    expect((await parse(["spawn", "vsr", "/w", "fix", "it"])).request).toMatchObject({ req: { prompt: "fix it" } });
    expect((await parse(["spawn", "vsr", "/w", "--prompt-file", "crlf.txt"])).request).toMatchObject({
      req: { prompt: "first line\nsecond line" },
    });
    expect((await parse(["spawn", "vsr", "/w", "--prompt-file", "-", "--json"])).json).toBe(true);
    await expect(parse(["spawn", "vsr", "/w", "--prompt", "x", "--prompt-file", "crlf.txt"])).rejects.toThrow(
      /not both/,
    );
    await expect(parse(["spawn", "vsr", "/w", "--prompt-file", "nope.txt"])).rejects.toThrow(
      /cannot read --prompt-file nope.txt: ENOENT/,
    );
    await expect(parse(["spawn", "vsr", "/w", "--prompt-file", "empty.txt"])).rejects.toThrow(/empty/);
    await expect(parse(["spawn", "vsr", "/w", "--agent", "nope"])).rejects.toThrow(/unknown agent "nope"/);
  });

  it("spawn --model, adopt [--socket] [TARGET NAME] (the target's case kept), release NAME", async () => {
    expect((await parse(["spawn", "--model", "claude-opus-4", "vsr", "/w"])).request).toMatchObject({
      req: { session: "vsr", workdir: "/w", model: "claude-opus-4" },
    });
    expect((await parse(["adopt"])).request).toEqual({ op: "adopt" });
    expect((await parse(["adopt", "--socket", "/tmp/x.sock"])).request).toEqual({ op: "adopt", socket: "/tmp/x.sock" });
    expect((await parse(["adopt", "default:My Box:0.1", "api"])).request).toEqual({
      op: "adopt",
      target: "default:My Box:0.1",
      session: "api",
    });
    await expect(parse(["adopt", "default:w:0.0"])).rejects.toThrow(/adopt TARGET NAME/);
    await expect(parse(["adopt", "--socket", "s", "default:w:0.0", "api"])).rejects.toThrow(
      /--socket goes with the list/,
    );
    expect((await parse(["release", "api"])).request).toEqual({ op: "release", session: "api" });
  });

  it("send: TEXT… or --prompt-file FILE|-; other control characters are left for the core to refuse", async () => {
    expect((await parse(["send", "vsr", "run", "the", "tests", "--force"])).request).toEqual({
      op: "send",
      session: "vsr",
      text: "run the tests",
      force: true,
    });
    expect((await parse(["send", "vsr", "--prompt-file", "-"])).request).toMatchObject({
      text: "from stdin\nline two",
    });
    expect(promptFromFileText("a\rb\x1b[31m\r\n")).toBe("a\rb\x1b[31m");
    await expect(parse(["send", "vsr"])).rejects.toThrow(/missing TEXT/);
    await expect(parse(["send", "vsr", "x", "--prompt-file", "-"])).rejects.toThrow(/not both/);
  });

  it("resume NAME, resume --all, resume all (as the chat says it); --json everywhere a result is reported", async () => {
    expect((await parse(["resume", "vsr"])).request).toEqual({ op: "resume", session: "vsr" });
    expect((await parse(["resume", "--all", "--json"])).request).toEqual({ op: "resume", all: true });
    expect((await parse(["resume", "all"])).request).toEqual({ op: "resume", all: true });
    await expect(parse(["resume", "vsr", "--all"])).rejects.toThrow(/not both/);
    await expect(parse(["resume"])).rejects.toThrow(/missing NAME/);
    for (const argv of [
      ["spawn", "a", "/w"],
      ["send", "a", "x"],
      ["approve", "a"],
      ["always", "a"],
      ["deny", "a"],
      ["answer", "a", "1"],
      ["trust", "a"],
      ["kill", "a"],
      ["resume", "a"],
      ["status"],
      ["output", "a"],
      ["history"],
      ["audit"],
    ]) {
      expect((await parse([...argv, "--json"])).json, argv.join(" ")).toBe(true);
    }
  });

  it("status --watch [--interval S]; usage errors are UsageError (exit 2)", async () => {
    expect(await parse(["status", "--watch"])).toMatchObject({ watch: { intervalMs: 2000 } });
    expect(await parse(["status", "vsr", "--watch", "--interval", "0.5"])).toMatchObject({
      request: { session: "vsr" },
      watch: { intervalMs: 500 },
    });
    await expect(parse(["status", "--interval", "1"])).rejects.toThrow(/--interval goes with --watch/);
    await expect(parse(["status", "--watch", "--interval", "0"])).rejects.toBeInstanceOf(UsageError);
    await expect(parse(["kill", "--bogus"])).rejects.toBeInstanceOf(UsageError);
    await expect(parse(["frob"])).rejects.toThrow(/unknown command "frob"/);
  });
});

describe("cli help from the chat grammar", () => {
  it("every example in a command's help makes the request the chat phrase makes", async () => {
    let checked = 0;
    for (const entry of GRAMMAR) {
      for (const phrase of entry.examples) {
        const parsed = parseCommand(phrase);
        expect(parsed.ok, phrase).toBe(true);
        if (!parsed.ok || entry.verb === "help") continue;
        const want = requestOf(parsed.intent);
        const argv = argvOf(want);
        const line = `wingman ${argv.map(shellWord).join(" ")}`;
        const back = shellSplit(line).slice(1);
        const got: Record<string, unknown> = { ...(await requestFromArgv(back[0]!, back.slice(1), read)).request };
        // The one deliberate difference: a terminal lists more history and audit lines than a phone.
        if (got.op === "history" || got.op === "audit") delete got.limit;
        expect(JSON.parse(JSON.stringify(got)), `${phrase} → ${line}`).toEqual(JSON.parse(JSON.stringify(want)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("CMD --help: usage, the grammar's sentence, options, examples, the chat form", () => {
    const spawn = commandHelp("spawn")!;
    expect(spawn).toContain("usage: wingman spawn [--agent AGENT] [--host HOST] --session NAME --workdir DIR");
    expect(spawn).toContain("wingman spawn --host build vsr-fix ~/code/vsr");
    expect(spawn).toContain(GRAMMAR.find((e) => e.verb === "spawn")!.summary);
    expect(spawn).toContain("--prompt-file FILE|-");
    expect(spawn).toContain("wingman spawn vsr ~/code/vsr");
    expect(spawn).toContain("In chat: /wm spawn");
    expect(commandHelp("send")).toContain("wingman send vsr 'run the tests'");
    expect(commandHelp("send")).toContain("--force");
    expect(commandHelp("tell")).toBe(commandHelp("send"));
    expect(commandHelp("resume")).toContain("wingman resume --all");
    expect(commandHelp("nosuch")).toBeNull();
    for (const c of COMMANDS) expect(commandHelp(c.name), c.name).toContain(`usage: wingman ${c.name}`);
    for (const c of COMMANDS.filter((x) => x.verb && x.verb !== "help"))
      expect(examplesOf(c).length, c.name).toBeGreaterThan(0);
  });

  it("the overview lists every command (web included) and the exit codes", () => {
    const text = overview("9.9.9");
    expect(text.split("\n")[0]).toContain("wingman 9.9.9");
    for (const c of COMMANDS) expect(text).toContain(`wingman ${c.name}`);
    expect(text).toContain("2 usage error");
  });
});

describe("help and the parser from one table (commands.ts)", () => {
  it("the overview shows every form of every command, --watch, --prompt-file and --all included, and the new verbs", () => {
    const text = overview("9.9.9");
    for (const c of COMMANDS) for (const u of c.usage) expect(text, u).toContain(`  wingman ${u}\n`);
    for (const form of [
      "status [NAME] --watch",
      "send NAME --prompt-file FILE|-",
      "resume --all",
      "queue NAME",
      "unqueue NAME",
    ])
      expect(text).toContain(`wingman ${form}`);
  });

  it("every option a help text lists is one the CLI's parser for that command accepts", async () => {
    let checked = 0;
    for (const c of COMMANDS) {
      const listed = new Set(
        [commandHelp(c.name)!, ...c.usage].flatMap((t) => [...t.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!)),
      );
      listed.delete("help"); // main.ts answers CMD --help before any command parses
      for (const name of listed) {
        const o = c.options.find((x) => x.name === name);
        expect(o, `${c.name}'s help lists --${name}, which its table entry lacks`).toBeDefined();
        const argv = o!.type === "string" ? [`--${name}`, "1"] : [`--${name}`];
        // The parser every command uses (argv.ts, monitor-command.ts, web-command.ts, main.ts) takes its options from the table.
        expect(() => args(argv, parseOptionsOf(c)), `${c.name} --${name}`).not.toThrow();
        // Commands that make a request: the real argv parser. It may refuse what is missing, never the option itself.
        const e = await requestFromArgv(c.name, ["vsr", ...argv], read).catch((x: Error) => x);
        if (e instanceof UsageError && !/unknown command/.test(e.message))
          expect(e.message, `${c.name} --${name}`).not.toMatch(/Unknown option|unexpected argument/i);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("spawn's help names the agents one way, from the agent registry, in its sentence and its --agent line", () => {
    const spawn = commandHelp("spawn")!;
    const names = agentChoices({ by: "both" });
    expect(spawn).toContain(`AGENT: ${names}`);
    expect(spawn).toMatch(new RegExp(`--agent AGENT +${names.replace(/[()]/g, "\\$&")}`));
    for (const a of AGENTS) {
      expect(spawn).toContain(a.id);
      for (const w of a.words) expect(spawn).toContain(w);
    }
  });
});

describe("completion scripts", () => {
  it.each(["bash", "zsh", "fish"] as const)(
    "%s: commands, options, agent words and the live-names callback",
    (shell) => {
      const s = completionScript(shell);
      for (const c of COMMANDS) expect(s).toContain(c.name);
      expect(s).toContain("wingman __complete sessions 2>/dev/null");
      expect(s).toContain("prompt-file");
      expect(s).toContain("claude-code");
    },
  );
});
