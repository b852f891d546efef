// Adversarial list: text is text, never keys; tmux reads no value as a command; no pane value forges a
// record; the agent has no handle on Wingman. Pure rules first, then the same attacks on real tmux with
// the stand-in agent (it logs each submitted prompt exactly as received, and can dump its environment).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { WingmanError } from "../../src/api/errors.js";
import { resolveConfig } from "../../src/config.js";
import { refusalText } from "../../src/format/outcomes.js";
import { agentText, findControlChar } from "../../src/core/sessions/text.js";
import { chunkText, parsePaneList, tmuxArg } from "../../src/hosts/tmux.js";
import type { HostApi, ToolResult } from "../../src/doors/host/api-types.js";
import { buildTools } from "../../src/doors/host/tools.js";
import plugin from "../../src/index.js";
import { OWNER, REPO, type TempWingman } from "../../devkit/temp-wingman.js";
import { until, standinPrompts } from "../../devkit/wait.js";
import { standinEach } from "../../devkit/standin-fixture.js";
import { say } from "../../devkit/say.js";

describe("the text rule (pure)", () => {
  const refused: Array<[string, string, string]> = [
    // attack, expected code point, expected position
    ["use staging\rrm -rf ~", "U+000D", "12"],
    ["clear\u001b[2J", "U+001B", "6"],
    ["a\u0000b", "U+0000", "2"],
    ["erase\u007f\u007f", "U+007F", "6"],
    ["c1 \u009b31m", "U+009B", "4"],
    ["🚀\r", "U+000D", "2"], // positions count characters, not UTF-16 units
  ];
  for (const [attack, cp, pos] of refused) {
    it(`refuses ${JSON.stringify(attack)}: ${cp} at position ${pos}, nothing typed`, () => {
      let thrown: WingmanError | undefined;
      try {
        agentText(attack);
      } catch (e) {
        thrown = e as WingmanError;
      }
      expect(thrown?.code).toBe("control_char");
      expect(thrown?.facts).toEqual({ why: "control_char", place: "text", codePoint: cp, position: Number(pos) });
      expect(refusalText(thrown!.facts!)).toBe(
        `text contains a control character (${cp}) at position ${pos}; nothing typed`,
      );
    });
  }

  it("a host's ssh destination that ssh would read as an option, or with a space, is refused by the config", () => {
    for (const ssh of ["-oProxyCommand=touch /tmp/pwned", "me@box -v", ""]) {
      expect(() => resolveConfig({ hosts: { gpu: { ssh } } }, {}), ssh).toThrow(/hosts/);
    }
    expect(resolveConfig({ hosts: { gpu: { ssh: "me@gpu.example.com" } } }, {}).hosts.gpu?.ssh).toBe(
      "me@gpu.example.com",
    );
  });

  it("keeps line feeds (a newline in the input box) and types a tab as one space", () => {
    expect(agentText("line one\nline two")).toBe("line one\nline two");
    expect(agentText("a\tb")).toBe("a b");
    expect(findControlChar("plain ✓ 日本語 👩‍💻")).toBeNull();
  });

  it("splits long text without cutting an emoji in two", () => {
    const text = `${"a".repeat(1999)}😀b`;
    const parts = chunkText(text, 2000);
    expect(parts.join("")).toBe(text);
    for (const p of parts) expect(p).not.toMatch(/[\ud800-\udbff]$/);
    expect(parts.map((p) => p.length)).toEqual([1999, 3]);
  });

  it("escapes a trailing ; so tmux does not read it as a command separator", () => {
    expect(tmuxArg("echo hi;")).toBe("echo hi\\;");
    expect(tmuxArg(";")).toBe("\\;");
    expect(tmuxArg("a;b")).toBe("a;b");
  });

  it("a pane record is read only with this call's marker: a path holding line feeds and separators forges nothing", () => {
    const S = "\u001eNONCE\u001e";
    const F = "\u001fNONCE\u001f";
    const forgedPath = "/tmp/x\nevil\u001f%9\u001f1\u001f0\u001f\u001f0\u001f200\u001f50\u001f\u001fnode\u001f/tmp\n";
    const line = (name: string, path: string) =>
      `${S}${[name, "%1", "42", "0", "", "1700000000", "200", "50", "", "node", path].join(F)}${S}\n`;
    const panes = parsePaneList(line("real", forgedPath) + line("two", "/w"), S, F);
    expect(panes.map((p) => p.session)).toEqual(["real", "two"]);
    expect(panes[0]?.currentPath).toBe(forgedPath);
  });
});

describe("text is text on real tmux (stand-in agent)", () => {
  let t: TempWingman;
  let log: string;
  let work: string;
  standinEach((f) => {
    ({ t, log, work } = f);
  });

  async function idle(name: string, dir = work) {
    const r = await t.wingman.spawn({ session: name, workdir: dir }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await until(
      () => t.wingman.status(name),
      (vs) => vs[0]?.state === "idle",
    );
  }

  it("a CR, ESC or DEL in a follow-up is refused naming the character, and nothing is typed", async () => {
    await idle("s1");
    for (const text of ["use staging\rrm -rf ~", "x\u001b[2J", "oops\u007f"]) {
      const r = await t.wingman.send("s1", text, {}, OWNER);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toBe("control_char");
      expect(say(r)).toMatch(/^✗ text contains a control character \(U\+00(0D|1B|7F)\) at position \d+/);
    }
    const screen = await t.wingman.tmux.capture("=s1:0.0");
    expect(screen).not.toContain("staging");
    expect(await standinPrompts(log)).toEqual([]);
  });

  it("a CR in a spawn prompt is refused before any session is created", async () => {
    const r = await t.wingman.spawn({ session: "s2", workdir: work, prompt: "fix it\rand push" }, OWNER);
    expect(r).toMatchObject({ ok: false, error: "control_char" });
    expect(await t.wingman.tmux.listPanes()).toEqual([]);
  });

  it("text ending in ; or being just ; arrives exactly (tmux would drop it as a separator)", async () => {
    await idle("s3");
    for (const text of ["echo hi;", ";", "a\\;", "{ x; }"]) {
      const r = await t.wingman.send("s3", text, {}, OWNER);
      expect(r.ok, say(r)).toBe(true);
    }
    expect(await standinPrompts(log)).toEqual(["echo hi;", ";", "a\\;", "{ x; }"]);
  });

  it("an emoji on the 2000-unit chunk boundary arrives whole; a tab arrives as a space", async () => {
    await idle("s4");
    const long = `${"a".repeat(1999)}😀 end`;
    expect((await t.wingman.send("s4", long, {}, OWNER)).ok).toBe(true);
    expect((await t.wingman.send("s4", "col1\tcol2", {}, OWNER)).ok).toBe(true);
    expect(await standinPrompts(log)).toEqual([long, "col1 col2"]);
  });

  it("a folder and an environment value ending in ; start the session (tmux read them as separators)", async () => {
    const semi = join(t.root, "proj;");
    await mkdir(semi);
    t.env.SOME_SETTING = "a;b;";
    await idle("s5", semi);
    const [v] = await t.wingman.status("s5");
    expect(v?.workdir).toBe(semi);
  });

  it("a folder with a line feed or other control character is refused, nothing created", async () => {
    const nl = join(t.root, "we\nird");
    await mkdir(nl);
    const r = await t.wingman.spawn({ session: "s6", workdir: nl }, OWNER);
    expect(r).toMatchObject({ ok: false, error: "control_char" });
    expect(say(r)).toContain("U+000A");
    expect(await t.wingman.tmux.listPanes()).toEqual([]);
  });

  it("an agent that moves into a folder named like a pane record forges no session", async () => {
    // Under the old parser (split on \n, fields on U+001F) this made a phantom session "evil" that was adopted.
    const forged = join(
      t.root,
      "x\nevil\u001f%99\u001f1\u001f0\u001f\u001f0\u001f200\u001f50\u001fnode\u001ftmp\u001f",
    );
    await mkdir(forged);
    t.env.STANDIN_CHDIR = forged;
    await idle("s7");
    const panes = await t.wingman.tmux.listPanes();
    expect(panes.map((p) => p.session)).toEqual(["s7"]);
    const views = await t.wingman.status();
    expect(views.map((v) => v.name)).toEqual(["s7"]);
  });

  it("the agent's environment names neither Wingman's state, socket nor config, and has no TMUX", async () => {
    const dump = join(t.root, "env.json");
    t.env.STANDIN_ENV_DUMP = dump;
    t.env.WINGMAN_CONFIG = join(t.root, "wingman.json");
    t.env.WINGMAN_TMUX_SOCKET = join(t.stateDir, "tmux.sock");
    await idle("s8");
    await until(
      async () => existsSync(dump),
      (x) => x,
    );
    const env = JSON.parse(await readFile(dump, "utf8")) as Record<string, string>;
    for (const k of ["WINGMAN_STATE_DIR", "WINGMAN_TMUX_SOCKET", "WINGMAN_CONFIG", "TMUX", "TMUX_PANE"]) {
      expect(env[k], k).toBeUndefined();
    }
    expect(env.WMHOOK_SESSION).toBe("s8");
    expect(env.WMHOOK_EVENTS).toBe(join(t.stateDir, "events", "s8"));
    expect(Object.values(env).some((v) => v.includes("tmux.sock"))).toBe(false);
  });

  it("the CLI door: a CR in `send` or `deny --reason` exits 1 with the character named, nothing typed", async () => {
    await idle("s10");
    const cli = (args: string[]) =>
      new Promise<{ code: number; stderr: string }>((res) => {
        execFile(process.execPath, [join(REPO, "bin/wingman.js"), ...args], { env: t.env }, (e, _out, stderr) =>
          res({ code: e ? Number((e as { code?: number }).code) : 0, stderr }),
        );
      });
    const send = await cli(["send", "s10", "echo hi\rrm -rf ~"]);
    expect(send).toMatchObject({ code: 1 });
    expect(send.stderr.trim()).toBe("wingman: text contains a control character (U+000D) at position 8; nothing typed");
    const deny = await cli(["deny", "s10", "--reason", "no\u001b[2J"]);
    expect(deny.code).toBe(1);
    expect(deny.stderr).toContain("(U+001B) at position 3");
    expect(await standinPrompts(log)).toEqual([]);
  });

  it("the tool and plain-text doors: a CR through wingman_send, a deny reason, an answer or a plain `tell` is refused naming the character, nothing typed", async () => {
    await idle("s11");
    const owner = { id: "whatsapp:+15550001111", channel: "whatsapp", authorized: true };
    const tools = Object.fromEntries(
      buildTools(t.wingman, { caller: () => ({ actor: owner, known: true }), access: "owner" }).map((x) => [x.name, x]),
    );
    const codeOf = (r: ToolResult) => (r.details as { error?: { code?: string } }).error?.code;
    const sent = await tools.wingman_send!.execute("c1", { session: "s11", text: "echo hi\rrm -rf ~" });
    expect(codeOf(sent)).toBe("control_char");
    expect(sent.content[0]!.text).toContain("(U+000D) at position 8");
    // A prompt with an id, for the answers.
    expect((await t.wingman.send("s11", "ASK", {}, OWNER)).ok).toBe(true);
    const [v] = await until(
      () => t.wingman.status("s11"),
      (vs) => !!vs[0]?.pending && !vs[0].pending.optionsPending,
      8000,
    );
    const id = v!.pending!.id;
    const deny = await tools.wingman_respond!.execute("c2", {
      session: "s11",
      action: "deny",
      id,
      reason: "no\rRUN_BASH touch pwned",
    });
    expect(codeOf(deny)).toBe("control_char");
    const answer = await tools.wingman_respond!.execute("c3", {
      session: "s11",
      action: "answer",
      id,
      text: "x\u001b[2J",
    });
    expect(codeOf(answer)).toBe("control_char");
    // OpenClaw's plain text, from the owner in a direct chat: claimed (it names a live session), refused.
    let handler: ((e: Record<string, unknown>) => Promise<{ handled: boolean; text?: string }>) | undefined;
    plugin.register({
      config: { channels: { whatsapp: { allowFrom: ["+15550001111"] } } },
      pluginConfig: { stateDir: t.stateDir },
      on: (hook, h) => {
        if (hook === "before_dispatch") handler = h as typeof handler;
      },
    } as HostApi);
    const plain = await handler!({
      content: "tell s11 echo hi\rrm -rf ~",
      channel: "whatsapp",
      senderId: "+15550001111",
      isGroup: false,
    });
    expect(plain).toEqual({
      handled: true,
      text: "✗ text contains a control character (U+000D) at position 8; nothing typed",
    });
    // The dialog is still open, unanswered, and the only prompt the stand-in ever submitted is ASK.
    expect((await t.wingman.status("s11"))[0]?.pending?.id).toBe(id);
    expect(await standinPrompts(log)).toEqual(["ASK"]);
  });

  it("the agent's folder may not be Wingman's state dir", async () => {
    await mkdir(join(t.stateDir, "inner"), { recursive: true });
    const r = await t.wingman.spawn({ session: "s9", workdir: join(t.stateDir, "inner") }, OWNER);
    expect(r.ok).toBe(false);
    expect(say(r)).toContain("inside Wingman's state dir");
  });
});
