// Adversarial list: text an agent wrote (hook fields) or a screen showed (a remote host answers with any bytes)
// reaches the owner's terminal, phone and page as text: printable characters and line feeds only; the only
// escapes the CLI prints are the SGR colours Wingman adds itself. One sanitizer (src/format/printable.ts).
// The attacks: OSC 52 (writes the clipboard), OSC 0/2 (window title, BEL- and ST-terminated), CSI 2J + H
// (clears the screen), U+009B (a one-character CSI), a bare CR (overwrites the line), BEL, bidi overrides.
//
//   pure: each attack through printable()                                   → exactly the visible text, line feeds kept
//   a forged Stop hook event (last_assistant_message) + UserPromptSubmit     → `wingman status NAME` (the real CLI): no escape, no C1, no CR, no BEL
//   the same session in `wingman status` on a colour terminal                → only Wingman's own SGR codes
//   a remote host's screen holding the attacks (capture answers them)       → `wingman output NAME`: no escape, the words kept
//   a refusal quoting the agent's text                                        → stderr line with no escape
//   a "finished" notification with that text (monitor --json `text`)         → no escape; the JSON line escapes nothing it need not
//   the web page's reader of the same screen                                  → runs of plain text (SGR read as colour, nothing else)
import { execFile } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printResult, type Out } from "../../src/doors/cli/output.js";
import { perform } from "../../src/doors/phrases/requests.js";
import { ansiToLines, linesText } from "../../src/doors/web/ansi.js";
import { describeNotification } from "../../src/format/notify.js";
import { printable } from "../../src/format/printable.js";
import { standinEach } from "../../devkit/standin-fixture.js";
import { OWNER, REPO, type TempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { say } from "../../devkit/say.js";

const OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07";
const TITLE_BEL = "\x1b]0;owned\x07";
const TITLE_ST = "\x1b]2;owned too\x1b\\";
const CLEAR = "\x1b[2J\x1b[H";
const C1_CSI = "\x9b2J";
const HOSTILE = `All done.${OSC52} Tests pass${TITLE_BEL}${TITLE_ST}.${CLEAR} Ship it${C1_CSI}\rnow\x07!\u202eevil`;
/** What a person must see of HOSTILE. */
const VISIBLE = "All done. Tests pass. Ship it\nnow!evil";

/** Any control character but the line feed, and C1. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
/** The SGR codes Wingman itself paints with (src/format/color.ts). */
const WINGMAN_SGR = /\x1b\[(?:33|39|31|32|2|22|1)m/g;

function fakeOut(isTTY: boolean): Out & { text: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => (out += s), isTTY, columns: 160 },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    text: () => out,
    err: () => err,
  };
}

describe("printable (pure)", () => {
  const cases: Array<[string, string, string]> = [
    ["OSC 52 clipboard write", `a${OSC52}b`, "ab"],
    ["title, BEL-terminated", `a${TITLE_BEL}b`, "ab"],
    ["title, ST-terminated", `a${TITLE_ST}b`, "ab"],
    ["screen clear and home", `a${CLEAR}b`, "ab"],
    ["C1 CSI (U+009B)", `a${C1_CSI}b`, "ab"],
    ["C1 OSC (U+009D) to ST (U+009C)", "a\x9d52;c;eA==\x9cb", "ab"],
    ["an unterminated OSC ends at the line feed", "a\x1b]0;title\nb", "a\nb"],
    ["bare CR and CRLF", "a\rb\r\nc", "a\nb\nc"],
    ["tab, BEL, NUL, DEL", "a\tb\x07c\x00d\x7fe", "a bcde"],
    ["bidi override", "abc\u202edef\u2066g", "abcdefg"],
    ["SGR colour from the agent", "\x1b[31mred\x1b[0m", "red"],
    ["the whole attack", HOSTILE, VISIBLE],
    ["plain text, emoji and CJK are kept", "✓ ready 👩‍💻 日本語\nnext", "✓ ready 👩‍💻 日本語\nnext"],
  ];
  for (const [what, attack, expected] of cases) {
    it(`${what} → ${JSON.stringify(expected)}`, () => expect(printable(attack)).toBe(expected));
  }
});

describe("agent and screen text on the owner's terminal, phone and page (real tmux, the stand-in agent)", () => {
  let t: TempWingman;
  let work: string;
  standinEach((f) => {
    ({ t, work } = f);
  });

  /** One hook event as hooks/wingman-hook.sh writes it, into the session's events folder. */
  async function hookEvent(name: string, event: Record<string, unknown>) {
    const dir = join(t.stateDir, "events", name);
    await mkdir(dir, { recursive: true });
    const ns = `${BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1e6))}`;
    writeFileSync(join(dir, `.${ns}.tmp`), JSON.stringify({ wingman_session: name, received_ns: Number(ns), event }));
    renameSync(join(dir, `.${ns}.tmp`), join(dir, `${ns}-1.json`));
  }

  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((res) => {
      execFile(process.execPath, [join(REPO, "bin/wingman.js"), ...args], { env: t.env }, (e, stdout, stderr) =>
        res({ code: e ? Number((e as { code?: number }).code) : 0, stdout, stderr }),
      );
    });

  it("hook fields with escapes: `wingman status NAME` and `wingman status` print the words, no escape", async () => {
    const r = await t.wingman.spawn({ session: "esc1", workdir: work }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await until(
      () => t.wingman.status("esc1"),
      (vs) => vs[0]?.state === "idle",
    );
    await hookEvent("esc1", { hook_event_name: "UserPromptSubmit", prompt: `fix it${CLEAR}` });
    await hookEvent("esc1", { hook_event_name: "Stop", last_assistant_message: HOSTILE });
    await until(
      () => t.wingman.status("esc1"),
      (vs) => vs[0]?.lastMessage === HOSTILE,
    );

    const detail = await cli(["status", "esc1"]);
    expect(detail.code, detail.stderr).toBe(0);
    // (The detail shows a message on one line: its line feed is a space there.)
    expect(detail.stdout).toContain("Claude said: All done. Tests pass. Ship it now!evil");
    expect(detail.stdout).not.toMatch(CONTROL);

    // The dashboard on a colour terminal: Wingman's own SGR only.
    const out = fakeOut(true);
    expect(
      await printResult(t.wingman, { op: "status" }, await perform(t.wingman, { op: "status" }, OWNER), false, out),
    ).toBe(0);
    expect(out.text()).toContain("esc1");
    expect(out.text().replace(WINGMAN_SGR, "")).not.toMatch(CONTROL);

    // The JSON keeps the agent's text as data (JSON escapes every control character).
    const json = await cli(["status", "esc1", "--json"]);
    expect(json.stdout).not.toMatch(CONTROL);
    expect(JSON.parse(json.stdout).sessions[0].lastMessage).toBe(HOSTILE);
  });

  it("a remote host's screen with escapes: `wingman output NAME` prints the words, no escape", async () => {
    const r = await t.wingman.spawn({ session: "esc2", workdir: work }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await until(
      () => t.wingman.status("esc2"),
      (vs) => vs[0]?.state === "idle",
    );
    // What an SSH host answers is whatever it likes: the capture returns the attacks as bytes.
    const panes = t.wingman.fleet.get(null).panes;
    panes.capture = async () => `$ make\n${HOSTILE}\n`;
    const out = fakeOut(true);
    const req = { op: "output", session: "esc2", lines: 20 } as const;
    expect(await printResult(t.wingman, req, await perform(t.wingman, req, OWNER), false, out)).toBe(0);
    // (The agent's own screen cleaning drops a bare CR before the sanitizer sees it.)
    expect(out.text()).toContain("All done. Tests pass. Ship itnow!evil");
    expect(out.text()).not.toMatch(CONTROL);
    expect(out.text()).not.toContain("\x1b");
  });

  it("a refusal that quotes agent text prints no escape on stderr", async () => {
    const out = fakeOut(true);
    // A failure from below keeps its own words (facts `error`), which may quote what an agent printed.
    const code = await printResult(
      t.wingman,
      { op: "status" },
      { op: "act", ok: false, error: "refused", facts: { why: "error", text: `esc3: ${HOSTILE}` } },
      false,
      out,
    );
    expect(code).toBe(1);
    expect(out.err()).toBe("wingman: esc3: All done. Tests pass. Ship it\n");
  });
});

describe("notifications and the web page", () => {
  it("a finished notification's text (monitor --json `text`, WhatsApp) carries no escape", () => {
    const text = describeNotification({
      type: "finished",
      session: "esc4",
      at: new Date().toISOString(),
      lastMessage: HOSTILE,
    });
    expect(text).toContain("All done. Tests pass. Ship it now!evil");
    expect(text).not.toMatch(CONTROL);
    const line = JSON.stringify({ type: "finished", text });
    expect(line).not.toMatch(CONTROL);
  });

  it("the page's reader keeps SGR as colour and turns every other escape into nothing", () => {
    const lines = ansiToLines(`\x1b[31mred\x1b[0m ${HOSTILE}`);
    const text = linesText(lines);
    expect(text).not.toMatch(/[\x1b\x07\x9b\x9d]/);
    expect(text).toContain("red");
    expect(text).toContain("Ship it");
    expect(lines[0]?.[0]).toMatchObject({ t: "red", c: "f1" });
  });
});
