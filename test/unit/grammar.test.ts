// The one chat grammar: every verb, ids vs. words, quotes, hostile text, suggestions, help, and which
// plain-text messages OpenClaw hands to Wingman instead of the assistant.
import { describe, expect, it } from "vitest";
import {
  claimsPlainText,
  GRAMMAR,
  helpText,
  type Intent,
  intentToString,
  MAX_COMMAND_LENGTH,
  type ParseResult,
  parseCommand,
} from "../../src/doors/phrases/grammar.js";
import { NAME_RULE } from "../../src/core/store/names.js";

function intent(text: string): Intent {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(`expected "${text}" to parse, got: ${r.error}`);
  return r.intent;
}

function failure(text: string): Extract<ParseResult, { ok: false }> {
  const r = parseCommand(text);
  if (r.ok) throw new Error(`expected "${text}" to fail, got ${JSON.stringify(r.intent)}`);
  return r;
}

describe("prompt answers", () => {
  it("approve: name, optional id, optional confirm", () => {
    expect(intent("approve vsr")).toEqual({ verb: "approve", session: "vsr", confirm: false });
    expect(intent("approve vsr 7f3k")).toEqual({ verb: "approve", session: "vsr", id: "7f3k", confirm: false });
    expect(intent("approve vsr 7f3k confirm")).toEqual({ verb: "approve", session: "vsr", id: "7f3k", confirm: true });
    expect(intent("approve vsr confirm")).toEqual({ verb: "approve", session: "vsr", confirm: true });
  });

  it("forgives case, extra spaces, tabs and trailing punctuation", () => {
    expect(intent("  APPROVE\tVSR   7F3K  Confirm. ")).toEqual({
      verb: "approve",
      session: "vsr",
      id: "7f3k",
      confirm: true,
    });
    expect(intent("Approve vsr.")).toEqual({ verb: "approve", session: "vsr", confirm: false });
    expect(intent("kill vsr!")).toEqual({ verb: "kill", session: "vsr" });
    expect(intent("Status?")).toEqual({ verb: "status", form: "status" });
    expect(intent("approve vsr 7f3k!")).toMatchObject({ id: "7f3k" });
  });

  it("always, trust and kill take exactly what their usage says", () => {
    expect(intent("always vsr")).toEqual({ verb: "always", session: "vsr" });
    expect(intent("always vsr 7f3k")).toEqual({ verb: "always", session: "vsr", id: "7f3k" });
    expect(intent("trust api-2")).toEqual({ verb: "trust", session: "api-2" });
    expect(intent("kill vsr")).toEqual({ verb: "kill", session: "vsr" });
    expect(failure("always vsr 7f3k please")).toMatchObject({ suggestion: "always vsr 7f3k" });
    expect(failure("trust vsr now")).toMatchObject({ suggestion: "trust vsr" });
    expect(failure("kill vsr and api")).toMatchObject({ suggestion: "kill vsr" });
  });

  it("deny: id and reason; a reason keeps inner newlines and loses one pair of quotes", () => {
    expect(intent("deny vsr")).toEqual({ verb: "deny", session: "vsr" });
    expect(intent("deny vsr 7f3k")).toEqual({ verb: "deny", session: "vsr", id: "7f3k" });
    expect(intent("deny vsr 7f3k use the staging db")).toEqual({
      verb: "deny",
      session: "vsr",
      id: "7f3k",
      reason: "use the staging db",
    });
    expect(intent("deny vsr too risky")).toEqual({ verb: "deny", session: "vsr", reason: "too risky" });
    expect(intent('deny vsr "not on main"')).toMatchObject({ reason: "not on main" });
    expect(intent("deny vsr 7f3k first line\nsecond line")).toMatchObject({ reason: "first line\nsecond line" });
    expect(intent("deny vsr, too risky")).toMatchObject({ session: "vsr", reason: "too risky" });
  });

  it('reads a word with the exact id shape as the id: "deny vsr mp3s are fine"', () => {
    // mp3s fits the id pattern (4 id characters with a digit). Safe: the core refuses an id that is not the
    // prompt on screen and presses nothing, and the person can quote the reason to mean it as text.
    expect(intent("deny vsr mp3s are fine")).toEqual({ verb: "deny", session: "vsr", id: "mp3s", reason: "are fine" });
    expect(intent('deny vsr "mp3s are fine"')).toEqual({ verb: "deny", session: "vsr", reason: "mp3s are fine" });
    // Ordinary words never fit: no digit, or a look-alike letter (o, l, i, 1, 0) outside the id alphabet.
    expect(intent("deny vsr nope")).toEqual({ verb: "deny", session: "vsr", reason: "nope" });
    expect(intent("deny vsr 4got it")).toEqual({ verb: "deny", session: "vsr", reason: "4got it" });
    expect(intent("deny vsr 2nd try")).toEqual({ verb: "deny", session: "vsr", reason: "2nd try" });
  });

  it("answer: a list of option numbers is choices, anything else free text", () => {
    expect(intent("answer vsr 2")).toEqual({ verb: "answer", session: "vsr", choices: ["2"], text: "2" });
    expect(intent("answer vsr 1 3")).toEqual({ verb: "answer", session: "vsr", choices: ["1", "3"], text: "1 3" });
    expect(intent("answer vsr 1,3")).toMatchObject({ choices: ["1", "3"], text: "1,3" });
    expect(intent("answer vsr 1, 3,4")).toMatchObject({ choices: ["1", "3", "4"] });
    expect(intent("answer vsr 7f3k 2")).toEqual({
      verb: "answer",
      session: "vsr",
      id: "7f3k",
      choices: ["2"],
      text: "2",
    });
    expect(intent("answer vsr 2.")).toMatchObject({ choices: ["2"] });
    expect(intent("answer vsr 1,1")).toMatchObject({ choices: ["1"] });
    expect(intent("answer vsr Postgres")).toEqual({ verb: "answer", session: "vsr", choices: null, text: "Postgres" });
    expect(intent("answer vsr 2 please")).toMatchObject({ choices: null, text: "2 please" });
    expect(intent("answer vsr “use sqlite, for now”")).toMatchObject({ choices: null, text: "use sqlite, for now" });
  });

  it("answer: a quoted number or a long number is free text, not an option", () => {
    expect(intent('answer vsr "2"')).toMatchObject({ choices: null, text: "2" });
    expect(intent("answer vsr 2024")).toMatchObject({ choices: null, text: "2024" });
  });

  it("answer without a choice or text is a usage error with the usage line", () => {
    expect(failure("answer vsr")).toMatchObject({ suggestion: "answer vsr [ID] CHOICE…|TEXT…" });
    expect(failure("answer vsr 7f3k").error).toContain("needs a choice or some text");
    expect(failure('answer vsr ""').error).toContain("needs a choice or some text");
  });
});

describe("sessions", () => {
  it("tell keeps the text as typed, inner newlines and unicode included", () => {
    expect(intent("tell vsr run the tests")).toEqual({
      verb: "tell",
      session: "vsr",
      text: "run the tests",
      force: false,
    });
    expect(intent("tell vsr line one\nline two\n\n  indented")).toMatchObject({
      text: "line one\nline two\n\n  indented",
    });
    // A CR is kept as sent: the core refuses it (text rule), so it is never quietly typed as something else.
    expect(intent("tell vsr\nfirst\r\nsecond\r")).toMatchObject({ text: "first\r\nsecond" });
    expect(intent("tell vsr añade pruebas ✅ 日本語 👩‍💻")).toMatchObject({ text: "añade pruebas ✅ 日本語 👩‍💻" });
    expect(intent("tell vsr: run   the\ttests")).toMatchObject({ session: "vsr", text: "run   the\ttests" });
  });

  it('"tell!" forces; tell needs text', () => {
    expect(intent("tell! vsr stop")).toEqual({ verb: "tell", session: "vsr", text: "stop", force: true });
    expect(intent("TELL! vsr stop")).toMatchObject({ force: true });
    expect(failure("tell vsr")).toMatchObject({ suggestion: "tell vsr TEXT…" });
    expect(failure("tell! vsr")).toMatchObject({ suggestion: "tell! vsr TEXT…" });
    expect(failure("tell")).toMatchObject({ suggestion: "tell NAME TEXT…" });
    expect(failure('tell vsr ""').error).toContain("needs the text");
  });

  it("removes exactly one pair of surrounding quotes, of any common kind", () => {
    expect(intent('tell vsr "run the tests"')).toMatchObject({ text: "run the tests" });
    expect(intent("tell vsr 'run the tests'")).toMatchObject({ text: "run the tests" });
    expect(intent("tell vsr “run the tests”")).toMatchObject({ text: "run the tests" });
    expect(intent("tell vsr ‘don’t push’")).toMatchObject({ text: "don’t push" });
    expect(intent("tell vsr 'it's fine'")).toMatchObject({ text: "it's fine" });
    expect(intent('tell vsr ""quoted""')).toMatchObject({ text: '""quoted""' });
    // Not one pair: two quoted words stay exactly as typed.
    expect(intent('tell vsr "a" and "b"')).toMatchObject({ text: '"a" and "b"' });
    expect(intent('tell vsr say "hi"')).toMatchObject({ text: 'say "hi"' });
  });

  it("leaves control characters in free text for the core to refuse; drops invisible bidi marks", () => {
    // The grammar does not repair: `run\u001b[31m` must be refused by the core, naming the character.
    expect(intent("tell vsr run\u0000 the\u001b[31m tests\u0007")).toMatchObject({
      text: "run\u0000 the\u001b[31m tests\u0007",
    });
    expect(intent("tell vsr a\u009bb\u202ec\u2066d\ufeff")).toMatchObject({ text: "a\u009bbcd" });
    expect(intent("tell vsr a\tb\nc")).toMatchObject({ text: "a\tb\nc" });
  });

  it("spawn: folder (quoted when it has spaces) and an optional prompt", () => {
    expect(intent("spawn vsr ~/code/vsr")).toEqual({ verb: "spawn", session: "vsr", workdir: "~/code/vsr" });
    expect(intent("spawn vsr ~/code/vsr fix the failing test")).toEqual({
      verb: "spawn",
      session: "vsr",
      workdir: "~/code/vsr",
      prompt: "fix the failing test",
    });
    expect(intent('spawn vsr "/tmp/my project" "fix it"')).toEqual({
      verb: "spawn",
      session: "vsr",
      workdir: "/tmp/my project",
      prompt: "fix it",
    });
    expect(intent("spawn vsr .")).toMatchObject({ workdir: "." });
    expect(failure("spawn vsr")).toMatchObject({ suggestion: "spawn vsr DIR [TEXT…]" });
    // An agent word first names the agent; a session may still be called "claude" (a folder follows it then).
    expect(intent("spawn claude api ~/code/api add a health check")).toEqual({
      verb: "spawn",
      agent: "claude-code",
      session: "api",
      workdir: "~/code/api",
      prompt: "add a health check",
    });
    expect(intent("spawn Claude api ~/code/api")).toEqual({
      verb: "spawn",
      agent: "claude-code",
      session: "api",
      workdir: "~/code/api",
    });
    expect(intent("spawn claude ~/code/api")).toEqual({ verb: "spawn", session: "claude", workdir: "~/code/api" });
    expect(failure("spawn claude api")).toMatchObject({ suggestion: "spawn claude api DIR [TEXT…]" });
    expect(intent("spawn codex api ~/code/api add a health check")).toEqual({
      verb: "spawn",
      agent: "codex",
      session: "api",
      workdir: "~/code/api",
      prompt: "add a health check",
    });
    expect(intent("spawn CODEX api ~/code/api")).toEqual({
      verb: "spawn",
      agent: "codex",
      session: "api",
      workdir: "~/code/api",
    });
    // HOST:NAME at spawn: the session on a configured machine (the core says whether the host exists).
    expect(intent("spawn build:vsr-fix ~/code/vsr fix it")).toEqual({
      verb: "spawn",
      host: "build",
      session: "vsr-fix",
      workdir: "~/code/vsr",
      prompt: "fix it",
    });
    expect(intent("spawn codex gpu:train ~/ml")).toEqual({
      verb: "spawn",
      agent: "codex",
      host: "gpu",
      session: "train",
      workdir: "~/ml",
    });
    expect(parseCommand("spawn build:Bad_Name ~/x").ok).toBe(false);
    expect(intent("hosts")).toEqual({ verb: "hosts" });
    expect(failure('spawn vsr "/tmp/a\u0007b"').error).toContain("control characters");
  });

  it("status, sessions and dashboard all map to status and say which was used", () => {
    expect(intent("status")).toEqual({ verb: "status", form: "status" });
    expect(intent("sessions")).toEqual({ verb: "status", form: "sessions" });
    expect(intent("Dashboard")).toEqual({ verb: "status", form: "dashboard" });
    expect(intent("status VSR")).toEqual({ verb: "status", session: "vsr", form: "status" });
    expect(failure("sessions vsr")).toMatchObject({ suggestion: "status vsr" });
    expect(failure("dashboard please now")).toMatchObject({ suggestion: "dashboard" });
    expect(failure("status vsr api")).toMatchObject({ suggestion: "status vsr" });
  });

  it("output: LINES is a whole number from 1 to 500", () => {
    expect(intent("output vsr")).toEqual({ verb: "output", session: "vsr" });
    expect(intent("output vsr 80")).toEqual({ verb: "output", session: "vsr", lines: 80 });
    expect(intent("output vsr 500")).toMatchObject({ lines: 500 });
    expect(intent("output vsr 1")).toMatchObject({ lines: 1 });
    expect(failure("output vsr 501")).toMatchObject({ suggestion: "output vsr 500" });
    expect(failure("output vsr 0")).toMatchObject({ suggestion: "output vsr" });
    expect(failure("output vsr -5").error).toContain("1 to 500");
    expect(failure("output vsr 2.5").error).toContain("1 to 500");
    expect(failure("output vsr lots").error).toContain("1 to 500");
    expect(failure("output vsr 99999999999999999999").error).toContain("1 to 500");
    expect(failure("output vsr 50 lines")).toMatchObject({ suggestion: "output vsr 50" });
  });

  it("history, audit and help", () => {
    expect(intent("history")).toEqual({ verb: "history" });
    expect(intent("AUDIT")).toEqual({ verb: "audit" });
    expect(failure("history vsr")).toMatchObject({ suggestion: "history" });
    expect(intent("help")).toEqual({ verb: "help" });
    expect(intent("help answer")).toEqual({ verb: "help", topic: "answer" });
    expect(intent("help tell!")).toEqual({ verb: "help", topic: "tell" });
    expect(intent("help sessions")).toEqual({ verb: "help", topic: "status" });
    // help only shows text, so a misspelt topic is forgiven and an unknown one gets the overview.
    expect(intent("help aprove")).toEqual({ verb: "help", topic: "approve" });
    expect(intent("help me please")).toEqual({ verb: "help" });
  });

  it("forgives the chat command's own name", () => {
    expect(intent("/wm approve vsr")).toEqual({ verb: "approve", session: "vsr", confirm: false });
    expect(intent("/WM status")).toEqual({ verb: "status", form: "status" });
  });
});

describe("hostile names", () => {
  const cases = ["a;b", "$(touch", "../x", "-t", "a".repeat(300), "vsr_fix", "vs\u0000r", "ünï", "`id`", "vsr;"];
  for (const name of cases) {
    it(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 20)}…` : name)} and states the rule`, () => {
      for (const verb of [
        "approve",
        "always",
        "deny",
        "trust",
        "answer",
        "tell",
        "tell!",
        "spawn",
        "status",
        "output",
        "kill",
      ]) {
        const r = failure(`${verb} ${name} 2`);
        expect(r.error).toContain("invalid session name");
        expect(r.error).toContain(NAME_RULE);
        expect(r.error.length).toBeLessThan(200);
      }
    });
  }

  it("does not run or keep shell text: $(touch x) is just an invalid name", () => {
    const r = failure("tell $(touch x) hi");
    expect(r.error).toContain('"$(touch"');
  });

  it("lower-cases a name people type in capitals, and accepts the longest valid name", () => {
    expect(intent("approve VSR")).toMatchObject({ session: "vsr" });
    const longest = `a${"-".repeat(30)}9`;
    expect(intent(`kill ${longest}`)).toEqual({ verb: "kill", session: longest });
    expect(failure(`kill ${longest}x`).error).toContain(NAME_RULE);
  });

  it("shows control characters in errors instead of echoing them", () => {
    const r = failure("approve \u001b[2Jvsr");
    expect(r.error).toContain("\\x1b");
    expect(r.error).not.toContain("\u001b");
  });
});

describe("length cap", () => {
  it("accepts up to the limit and refuses beyond it with a clear error", () => {
    const prefix = "tell vsr ";
    const atLimit = prefix + "x".repeat(MAX_COMMAND_LENGTH - prefix.length);
    expect(intent(atLimit)).toMatchObject({ verb: "tell" });
    const r = failure(`${atLimit}y`);
    expect(r.error).toContain("too long");
    expect(r.error).toContain(String(MAX_COMMAND_LENGTH));
    expect(r.suggestion).toBeUndefined();
  });

  it("refuses huge hostile input quickly", () => {
    const start = performance.now();
    failure("a".repeat(1_000_000));
    failure(`${"aprove ".repeat(1000)}`);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("suggestions: the nearest valid phrase, never a guessed action", () => {
  it("corrects a misspelt verb into the full phrase", () => {
    expect(failure("aprove vsr")).toMatchObject({ suggestion: "approve vsr" });
    expect(failure("apporve vsr 7f3k")).toMatchObject({ suggestion: "approve vsr 7f3k" });
    expect(failure("tel vsr run the tests")).toMatchObject({ suggestion: "tell vsr run the tests" });
    expect(failure("stauts")).toMatchObject({ suggestion: "status" });
    expect(failure("sesions")).toMatchObject({ suggestion: "sessions" });
    expect(failure("outptu vsr 40")).toMatchObject({ suggestion: "output vsr 40" });
    expect(failure("aprove vsr").error).toContain('unknown command "aprove"');
  });

  it("gives the usage line when the name is missing", () => {
    expect(failure("approve")).toMatchObject({ suggestion: "approve NAME [ID] [confirm]" });
    expect(failure("aprove")).toMatchObject({ suggestion: "approve NAME [ID] [confirm]" });
    expect(failure("deny")).toMatchObject({ suggestion: "deny NAME [ID] [REASON…]" });
    expect(failure("output")).toMatchObject({ suggestion: "output NAME [LINES]" });
  });

  it("maps words people reach for to the grammar's word", () => {
    expect(failure("send vsr run the tests")).toMatchObject({ suggestion: "tell vsr run the tests" });
    expect(failure("send! vsr stop")).toMatchObject({ suggestion: "tell! vsr stop" });
    expect(failure("yes vsr")).toMatchObject({ suggestion: "approve vsr" });
    expect(failure("list")).toMatchObject({ suggestion: "sessions" });
  });

  it("puts the verb first when a name was typed first", () => {
    expect(failure("vsr approve 7f3k")).toMatchObject({ suggestion: "approve vsr 7f3k" });
  });

  it("fixes confirm's spelling and place", () => {
    expect(failure("approve vsr 7f3k confrim")).toMatchObject({ suggestion: "approve vsr 7f3k confirm" });
    expect(failure("approve vsr confirm 7f3k")).toMatchObject({ suggestion: "approve vsr 7f3k confirm" });
    expect(failure("approve vsr 7f3")).toMatchObject({ suggestion: "approve vsr" });
    expect(failure("approve vsr 7f3").error).toContain("not a prompt id");
    expect(failure("approve the PR when ready")).toMatchObject({ suggestion: "approve the" });
  });

  it("points at help for an unknown word, instead of guessing", () => {
    expect(failure("hello there")).toMatchObject({ suggestion: "help" });
    expect(failure("hello there").error).toContain('send "help"');
    expect(failure("stop vsr")).toMatchObject({ suggestion: "help" });
    expect(failure("")).toMatchObject({ suggestion: "help" });
    expect(failure("   \n\t ")).toMatchObject({ suggestion: "help" });
  });

  it("every suggestion that is not a usage line parses", () => {
    const broken = [
      "aprove vsr",
      "apporve vsr 7f3k",
      "tel vsr hi",
      "stauts vsr",
      "send vsr hi",
      "vsr approve",
      "approve vsr 7f3k confrim",
      "approve vsr confirm 7f3k",
      "sessions vsr",
      "output vsr 900",
      "kill vsr now",
      "hello",
      "dny vsr 7f3k no thanks",
    ];
    for (const b of broken) {
      const s = failure(b).suggestion;
      expect(s, b).toBeDefined();
      expect(parseCommand(s!).ok, `${b} -> ${s}`).toBe(true);
    }
  });
});

describe("intentToString", () => {
  it("prints the canonical phrase", () => {
    expect(intentToString({ verb: "approve", session: "vsr", id: "7f3k", confirm: true })).toBe(
      "approve vsr 7f3k confirm",
    );
    expect(intentToString({ verb: "tell", session: "vsr", text: "hi", force: true })).toBe("tell! vsr hi");
    expect(intentToString({ verb: "status", form: "dashboard" })).toBe("dashboard");
    expect(intentToString({ verb: "status", session: "vsr", form: "status" })).toBe("status vsr");
    expect(intentToString({ verb: "spawn", session: "vsr", workdir: "/tmp/my dir", prompt: "go" })).toBe(
      'spawn vsr "/tmp/my dir" go',
    );
    expect(intentToString({ verb: "spawn", agent: "claude-code", session: "vsr", workdir: "/tmp/x" })).toBe(
      "spawn claude vsr /tmp/x",
    );
    expect(
      intentToString({
        verb: "spawn",
        agent: "codex",
        session: "api",
        workdir: "~/code/api",
        prompt: "add a health check",
      }),
    ).toBe("spawn codex api ~/code/api add a health check");
    expect(intentToString({ verb: "spawn", host: "build", session: "api", workdir: "~/code/api" })).toBe(
      "spawn build:api ~/code/api",
    );
  });

  it("quotes text that would otherwise read differently", () => {
    expect(intentToString({ verb: "deny", session: "vsr", reason: "mp3s are fine" })).toBe('deny vsr "mp3s are fine"');
    expect(intentToString({ verb: "answer", session: "vsr", choices: null, text: "2" })).toBe('answer vsr "2"');
    expect(intentToString({ verb: "tell", session: "vsr", text: '"quoted"', force: false })).toBe(
      'tell vsr “"quoted"”',
    );
  });

  it("round-trips: parsing the canonical phrase gives the same intent", () => {
    const intents: Intent[] = [
      { verb: "approve", session: "vsr", confirm: false },
      { verb: "approve", session: "vsr", id: "7f3k", confirm: true },
      { verb: "always", session: "a-1", id: "22zz" },
      { verb: "deny", session: "vsr" },
      { verb: "deny", session: "vsr", reason: "mp3s are fine" },
      { verb: "deny", session: "vsr", id: "mp3s", reason: "are fine" },
      { verb: "deny", session: "vsr", reason: "say \"no\" and 'why'" },
      { verb: "trust", session: "vsr" },
      { verb: "answer", session: "vsr", choices: ["1", "3"], text: "1,3" },
      { verb: "answer", session: "vsr", id: "7f3k", choices: null, text: "2" },
      { verb: "answer", session: "vsr", choices: null, text: "7f3k is my answer" },
      { verb: "tell", session: "vsr", text: "line one\nline two", force: false },
      { verb: "tell", session: "vsr", text: "'quoted'", force: true },
      { verb: "spawn", session: "vsr", workdir: "/tmp/my dir", prompt: "fix it" },
      { verb: "spawn", session: "vsr", workdir: "." },
      { verb: "status", form: "status" },
      { verb: "status", form: "sessions" },
      { verb: "status", session: "vsr", form: "status" },
      { verb: "output", session: "vsr", lines: 42 },
      { verb: "kill", session: "vsr" },
      { verb: "history" },
      { verb: "audit" },
      { verb: "help", topic: "answer" },
    ];
    for (const i of intents) expect(intent(intentToString(i)), intentToString(i)).toEqual(i);
  });
});

describe("help text", () => {
  it("is generated from the table: every verb's usage appears", () => {
    const h = helpText({ prefix: "/wm " });
    for (const e of GRAMMAR) expect(h).toContain(e.verb);
    expect(h).toContain("/wm approve NAME [ID] [confirm]");
    expect(h).toContain("/wm tell[!] NAME TEXT…");
  });

  it("fits a phone screen", () => {
    const lines = helpText({ prefix: "/wm " }).split("\n");
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(48);
  });

  it("explains one verb with examples that parse", () => {
    const h = helpText({ prefix: "/wm ", verb: "answer" });
    expect(h.split("\n")[0]).toBe("/wm answer NAME [ID] CHOICE…|TEXT…");
    expect(h).toContain("e.g. /wm answer vsr 2");
    expect(helpText({ verb: "sessions" })).toContain("status [NAME] | sessions | dashboard");
    expect(helpText({ verb: "nonsense" })).toBe(helpText());
    for (const e of GRAMMAR) for (const ex of e.examples) expect(parseCommand(ex).ok, ex).toBe(true);
  });

  it("every usage line without a name is the suggestion for the bare verb", () => {
    // A verb whose NAME is optional (`status [NAME]`, `usage [NAME]`, `adopt [TARGET NAME]`) is whole without one.
    for (const e of GRAMMAR.filter(
      (g) => g.usage.includes("NAME") && !g.usage.includes("[NAME") && g.verb !== "adopt",
    )) {
      expect(failure(e.verb).suggestion, e.verb).toBe(e.usage.replace("tell[!]", "tell"));
    }
  });
});

describe("claimsPlainText (OpenClaw before_dispatch)", () => {
  const known = { sessions: new Set(["vsr", "api"]), ids: new Set(["7f3k"]) };

  it("claims whole phrases that name a live session or a pending id", () => {
    expect(claimsPlainText("approve vsr", known)).toEqual({ verb: "approve", session: "vsr", confirm: false });
    expect(claimsPlainText("Approve VSR 7f3k", known)).toMatchObject({ verb: "approve", id: "7f3k" });
    expect(claimsPlainText("deny api not now", known)).toMatchObject({ verb: "deny", reason: "not now" });
    expect(claimsPlainText("answer vsr 2", known)).toMatchObject({ verb: "answer", choices: ["2"] });
    expect(claimsPlainText("tell vsr run the tests", known)).toMatchObject({ verb: "tell", text: "run the tests" });
    expect(claimsPlainText("tell! vsr stop", known)).toMatchObject({ force: true });
    expect(claimsPlainText("status vsr", known)).toMatchObject({ verb: "status", session: "vsr" });
    expect(claimsPlainText("output api 20", known)).toMatchObject({ lines: 20 });
    expect(claimsPlainText("kill api", known)).toEqual({ verb: "kill", session: "api" });
    // A pending id is enough even when the session is gone: the core then explains.
    expect(claimsPlainText("approve old 7f3k", known)).toMatchObject({ session: "old", id: "7f3k" });
  });

  it("claims status, sessions and dashboard with no argument", () => {
    expect(claimsPlainText("status", known)).toEqual({ verb: "status", form: "status" });
    expect(claimsPlainText("Sessions", known)).toEqual({ verb: "status", form: "sessions" });
    expect(claimsPlainText("dashboard", known)).toEqual({ verb: "status", form: "dashboard" });
  });

  it("leaves conversation to the assistant", () => {
    for (const text of [
      "approve the PR when ready",
      "approve the",
      "deny the request",
      "tell bob I'm late",
      "kill it",
      "status of the build",
      "status report",
      "sessions are fun",
      "answer the phone",
      "approve vsr when you can",
      "tell vsr",
      "can you approve vsr?",
      "aprove vsr",
      "",
      "approve other 8k2m",
    ]) {
      expect(claimsPlainText(text, known), text).toBeNull();
    }
  });

  it("does not claim help, history, audit or spawn", () => {
    for (const text of ["help", "help approve", "history", "audit", "spawn vsr ~/code", "spawn new ~/code go"]) {
      expect(claimsPlainText(text, known), text).toBeNull();
    }
  });

  it("does not claim hostile or oversized text", () => {
    expect(claimsPlainText("approve a;b", known)).toBeNull();
    expect(claimsPlainText(`tell vsr ${"x".repeat(MAX_COMMAND_LENGTH)}`, known)).toBeNull();
  });
});
