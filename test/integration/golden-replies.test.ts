// Golden replies: every outcome kind the core gives for an action (spawn, tell, the answers, kill, resume,
// output), through every door that words it: chat (`/wm` replies), the assistant's tools, the CLI (text and
// --json) and the web page's JSON. The replies were recorded before the core stopped writing sentences
// (test/fixtures/golden/replies.json, `GOLDEN_RECORD=1` writes it again); this test checks that every fact a
// recorded reply gave (names, ids, folders, options, scopes, reasons, states, the next command to try, the
// error code, the exit code or HTTP status) is still in today's reply through the same door. Wording may
// change; a fact may not be lost. Real tmux with the stand-in agent (devkit/standin-agent.mjs).
import { existsSync } from "node:fs";
import { execFile } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/api/types.js";
import { printResult } from "../../src/doors/cli/output.js";
import { buildTools, fromResult } from "../../src/doors/host/tools.js";
import { replyText } from "../../src/doors/phrases/replies.js";
import { perform, type Request, type Result } from "../../src/doors/phrases/requests.js";
import { webReply } from "../../src/doors/web/app.js";
import { silentLogger } from "../../src/api/notify.js";
import { Monitor } from "../../src/core/monitor/monitor.js";
import { describeNotification } from "../../src/format/notify.js";
import { OWNER, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { paneRuns, until } from "../../devkit/wait.js";

const run = promisify(execFile);
const FIXTURE = join(import.meta.dirname, "../fixtures/golden/replies.json");
// Recording is asked for by name only: a missing fixture fails the check (it used to record and pass, unseen).
const RECORD = process.env.GOLDEN_RECORD === "1";
const STRANGER: Actor = { id: "whatsapp:+15550000000", channel: "whatsapp", authorized: false };
const PY = "python3 -c 'print(6*7)'";
const RISKY = "rm -rf build";

/** One reply through each door, with dynamic values (folders, prompt ids) replaced by placeholders. */
interface Replies {
  chat: string;
  tool: string;
  toolCode: string | null;
  cliText: string;
  cliExit: number;
  cliJson: string;
  webStatus: number;
  web: string;
}

interface Case {
  name: string;
  replies: Replies;
  /** The facts found in the recorded replies (for reading the fixture; the check recomputes them). */
  facts?: string[];
}

describe("golden replies: every fact of every outcome kind stays in every door's reply", () => {
  let t: TempWingman;
  let work: string;
  const ids: string[] = [];
  const cases: Case[] = [];

  /** Placeholders for what changes between runs. */
  const norm = (s: string) => {
    let out = s.split(work).join("<WORK>").split(t.root).join("<ROOT>");
    ids.forEach((id, i) => {
      out = out.replace(new RegExp(`\\b${id}\\b`, "g"), `<ID${i + 1}>`);
    });
    return out;
  };

  /** Every door's reply to one Result (the core acted once; each door words the same outcome). */
  async function doors(req: Request, r: Result): Promise<Replies> {
    const chat = replyText(r, { style: "chat" });
    const tool = fromResult(r);
    const details = tool.details as { error?: { code?: string } };
    let stdout = "";
    let stderr = "";
    const out = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
    };
    const cliExit = await printResult(t.wingman, req, r, false, out);
    const cliText = stdout + stderr;
    stdout = "";
    stderr = "";
    await printResult(t.wingman, req, r, true, out);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    // Session views in the JSON carry times; what a person checks there is which sessions and their states.
    if (Array.isArray(json.sessions))
      json.sessions = (json.sessions as Array<{ name: string; state: string }>).map((v) => `${v.name}:${v.state}`);
    const web = webReply(r);
    return {
      chat: norm(chat),
      tool: norm(tool.content[0]?.text ?? ""),
      toolCode: details.error?.code ?? null,
      cliText: norm(cliText),
      cliExit,
      cliJson: norm(JSON.stringify(json)),
      webStatus: web.status,
      web: norm(JSON.stringify(web.body)),
    };
  }

  async function act(name: string, req: Request, actor: Actor = OWNER): Promise<Result> {
    const r = await perform(t.wingman, req, actor);
    cases.push({ name, replies: await doors(req, r) });
    return r;
  }

  /** A tool door's own reply (refusals the tool door makes before the core is asked). */
  async function viaTool(
    name: string,
    access: "owner" | "read-only",
    tool: string,
    params: Record<string, unknown>,
    known = true,
  ) {
    const tools = buildTools(t.wingman, { caller: () => ({ actor: OWNER, known }), access });
    const r = await tools.find((x) => x.name === tool)!.execute("call", params);
    const details = r.details as { error?: { code?: string } };
    const text = norm(r.content[0]?.text ?? "");
    cases.push({
      name,
      replies: {
        chat: "",
        tool: text,
        toolCode: details.error?.code ?? null,
        cliText: "",
        cliExit: 0,
        cliJson: "",
        webStatus: 0,
        web: "",
      },
    });
  }

  async function ask(session = "gold"): Promise<string> {
    expect((await t.wingman.send(session, "ASK", {}, OWNER)).ok).toBe(true);
    const [v] = await until(
      () => t.wingman.status(session),
      (vs) => !!vs[0]?.pending && !vs[0].pending.optionsPending,
      10_000,
    );
    const id = v?.pending?.id;
    if (!id) {
      const screen = await t.wingman.output("gold", 30);
      const log = await readFile(t.env.STANDIN_LOG!, "utf8").catch(() => "");
      throw new Error(`no dialog drawn: ${JSON.stringify(v)}\n${JSON.stringify(screen)}\n${log}`);
    }
    if (!ids.includes(id)) ids.push(id);
    return id;
  }

  async function idle(session = "gold") {
    const [v] = await until(
      () => t.wingman.status(session),
      (vs) => vs[0]?.state === "idle" && !vs[0].pending,
      10_000,
    );
    if (v?.state !== "idle" || v.pending) throw new Error(`${session} did not come back to idle: ${JSON.stringify(v)}`);
  }

  beforeAll(async () => {
    t = await tempWingman();
    t.env.STANDIN_LOG = join(t.root, "prompts.log");
    t.env.STANDIN_DRAW_DELAY_MS = "100";
    work = join(t.root, "project");
    await mkdir(work);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("records or checks the replies of every outcome kind", { timeout: 180_000 }, async () => {
    // A high-risk Bash dialog: the recorded Python dialog with a recursive forced remove instead.
    const risky = join(t.root, "risky-screen.txt");
    const py = await readFile(
      join(import.meta.dirname, "../fixtures/screens/claude-code-2.1.331/bash-prompt-python.txt"),
      "utf8",
    );
    await writeFile(risky, py.split(PY).join(RISKY).replace("python3 *", "rm *"));

    // Not found, not an owner, bad input: before any session exists.
    await act("respond: no such session", { op: "respond", req: { session: "nosuch", action: "approve", id: "ab12" } });
    await act("send: no such session", { op: "send", session: "nosuch", text: "hi", force: false });
    await act("kill: no such session", { op: "kill", session: "nosuch" });
    await act("output: no such session", { op: "output", session: "nosuch", lines: 5 });
    await act("resume: no such session", { op: "resume", session: "nosuch" });
    await act(
      "respond: not an owner",
      { op: "respond", req: { session: "gold", action: "approve", id: "ab12" } },
      STRANGER,
    );
    await act("send: not an owner", { op: "send", session: "gold", text: "hi", force: false }, STRANGER);
    await act("kill: not an owner", { op: "kill", session: "gold" }, STRANGER);
    await act("spawn: not an owner", { op: "spawn", req: { session: "gold", workdir: work } }, STRANGER);
    await act("resume: not an owner", { op: "resume", session: "gold" }, STRANGER);
    await act("spawn: folder missing", { op: "spawn", req: { session: "gold", workdir: join(t.root, "missing") } });
    await act("spawn: bad name", { op: "spawn", req: { session: "Bad Name", workdir: work } });
    await act("spawn: unknown agent", { op: "spawn", req: { session: "gold", workdir: work, agent: "nosuchagent" } });

    await act("spawn: started", { op: "spawn", req: { session: "gold", workdir: work } });
    await idle();
    await act("spawn: already running", { op: "spawn", req: { session: "gold", workdir: work } });
    await act("send: sent", { op: "send", session: "gold", text: "hello there", force: false });
    await act("send: nothing to send", { op: "send", session: "gold", text: "   ", force: false });
    await act("send: control character", { op: "send", session: "gold", text: "hi\u001b[2J", force: false });
    await act("respond: nothing pending", { op: "respond", req: { session: "gold", action: "approve" } });
    await act("resume: still running", { op: "resume", session: "gold" });

    // A normal Bash dialog.
    let id = await ask();
    await act("send: waiting on a dialog", { op: "send", session: "gold", text: "more", force: false });
    // With a monitor running, a follow-up for a session that waits is queued; the queue is listed and dropped.
    const monitor = new Monitor({
      wingman: t.wingman,
      describe: describeNotification,
      notifier: { send: async () => {} },
      config: t.wingman.config,
      logger: silentLogger,
    });
    expect(await monitor.start()).toBe(true);
    try {
      await act("send: queued", { op: "send", session: "gold", text: "then run the tests", force: false });
      await act("queue: listed", { op: "queue", session: "gold" });
      for (let n = 2; n <= 10; n++) await t.wingman.send("gold", `follow-up ${n}`, {}, OWNER);
      await act("send: queue full", { op: "send", session: "gold", text: "one too many", force: false });
      await act("unqueue: not an owner", { op: "unqueue", session: "gold" }, STRANGER);
      await act("unqueue: dropped", { op: "unqueue", session: "gold" });
      await act("queue: empty", { op: "queue", session: "gold" });
      await act("unqueue: nothing queued", { op: "unqueue", session: "gold" });
      await act("queue: no such session", { op: "queue", session: "nosuch" });
    } finally {
      await monitor.stop();
    }
    await act("send: forced into a dialog", { op: "send", session: "gold", text: "more", force: true });
    await act("respond: say which prompt", { op: "respond", req: { session: "gold", action: "approve" } });
    await act("respond: another id", { op: "respond", req: { session: "gold", action: "approve", id: "zz99" } });
    await act("respond: trust on a tool prompt", { op: "respond", req: { session: "gold", action: "trust" } });
    await act("respond: answer on a tool prompt", {
      op: "respond",
      req: { session: "gold", action: "answer", id, choices: ["9"] },
    });
    await act("respond: control character in a reason", {
      op: "respond",
      req: { session: "gold", action: "deny", id, reason: "no\u0007" },
    });
    await act("respond: approved once", { op: "respond", req: { session: "gold", action: "approve", id } });
    await idle();
    await act("respond: answered already", { op: "respond", req: { session: "gold", action: "approve", id } });

    id = await ask();
    await act("respond: always allowed", { op: "respond", req: { session: "gold", action: "always", id } });
    await idle();
    id = await ask();
    await act("respond: denied", { op: "respond", req: { session: "gold", action: "deny", id } });
    await idle();
    id = await ask();
    // The stand-in has no text field on Tab: the reason cannot be typed, and the reply says so.
    await act("respond: denied with a reason", {
      op: "respond",
      req: { session: "gold", action: "deny", id, reason: "use node instead" },
    });
    if ((await t.wingman.status("gold"))[0]?.pending)
      await t.wingman.respond({ session: "gold", action: "approve", id }, OWNER);
    await idle();

    // A high-risk dialog, in a second session whose stand-in asks for a recursive forced remove.
    t.env.STANDIN_ASK_COMMAND = RISKY;
    t.env.STANDIN_ASK_SCREEN = risky;
    expect((await t.wingman.spawn({ session: "hot", workdir: work }, OWNER)).ok).toBe(true);
    delete t.env.STANDIN_ASK_COMMAND;
    delete t.env.STANDIN_ASK_SCREEN;
    await idle("hot");
    id = await ask("hot");
    await act("respond: high risk needs confirm", { op: "respond", req: { session: "hot", action: "approve", id } });
    await act("respond: always refused for high risk", {
      op: "respond",
      req: { session: "hot", action: "always", id },
    });
    await viaTool("tool: high risk never approved by a tool", "owner", "wingman_respond", {
      session: "hot",
      action: "approve",
      id,
    });
    await act("respond: approved with confirm", {
      op: "respond",
      req: { session: "hot", action: "approve", id, confirm: true },
    });
    await idle("hot");

    // The tool door's own refusals.
    await viaTool("tool: read-only access", "read-only", "wingman_kill", { session: "gold" });
    await viaTool("tool: unknown caller", "owner", "wingman_send", { session: "gold", text: "hi" }, false);
    await viaTool("tool: id required", "owner", "wingman_respond", { session: "gold", action: "approve" });
    await viaTool("tool: resume needs a name", "owner", "wingman_resume", {});

    await act("output: screen", { op: "output", session: "gold", lines: 5 });
    await act("kill: killed", { op: "kill", session: "gold" });
    await act("send: exited", { op: "send", session: "gold", text: "hi", force: false });
    await act("output: no screen", { op: "output", session: "gold", lines: 5 });
    await act("resume: no conversation", { op: "resume", session: "gold" });
    await act("resume all: nothing to resume", { op: "resume", all: true });
    // Recorded after the rest (kill on an exited session, an agent that dies at once): new kinds, appended.
    await act("kill: already exited", { op: "kill", session: "gold" });
    t.env.STANDIN_MODE = "crash";
    await act("spawn: agent exited before its first screen", {
      op: "spawn",
      req: { session: "gone-early", workdir: work },
    });
    delete t.env.STANDIN_MODE;

    // Model per session and adopt (docs/adopt.md): a pane of a person's own server (this test's socket) whose
    // program is named `claude` (cat under that name: a known agent by its command line).
    await act("spawn: bad model", { op: "spawn", req: { session: "mod", workdir: work, model: "--yolo" } });
    const person = join(t.root, "person.sock");
    await symlink("/bin/cat", join(t.root, "claude"));
    await run("tmux", [
      "-S",
      person,
      "-f",
      "/dev/null",
      "new-session",
      "-d",
      "-s",
      "hand",
      "-c",
      work,
      "--",
      join(t.root, "claude"),
    ]);
    await run("tmux", ["-S", person, "new-window", "-t", "hand", "--", "sleep", "600"]);
    await paneRuns((...a) => run("tmux", ["-S", person, ...a]), "hand:0.0", "claude");
    try {
      await act("adopt: none on that server", { op: "adopt", socket: join(t.root, "none.sock") });
      await act("adopt: listed", { op: "adopt", socket: person });
      await act("adopt: bad target", { op: "adopt", target: "hand", session: "hand" });
      await act("adopt: no pane", { op: "adopt", target: `${person}:nowhere:0.0`, session: "hand" });
      await act("adopt: not an agent", { op: "adopt", target: `${person}:hand:1.0`, session: "hand" });
      await act("adopt: not an owner", { op: "adopt", target: `${person}:hand:0.0`, session: "hand" }, STRANGER);
      await act("adopt: adopted", { op: "adopt", target: `${person}:hand:0.0`, session: "hand" });
      await act("adopt: already adopted", { op: "adopt", target: `${person}:hand:0.0`, session: "hand2" });
      await act("kill: adopted", { op: "kill", session: "hand" });
      await act("release: not adopted", { op: "release", session: "hot" });
      await act("release: released", { op: "release", session: "hand" });
    } finally {
      await run("tmux", ["-S", person, "kill-server"]).catch(() => {});
    }

    // The facts a reply may carry, as they read after the placeholders.
    const vocabulary = [
      "gold",
      "hot",
      "nosuch",
      "<WORK>",
      "<ROOT>",
      ...ids.map((_, i) => `<ID${i + 1}>`),
      "ab12",
      "zz99",
      "Bad Name",
      `Bash(${PY})`,
      `Bash(${RISKY})`,
      PY,
      RISKY,
      "python3 *",
      "use node instead",
      "rm -rf",
      "nosuchagent",
      "claude-code",
      "codex",
      "idle",
      "waiting approval",
      "waiting_approval",
      "exited",
      "working",
      "killed",
      "approved once",
      "always allowed",
      "denied",
      "approved",
      "high risk",
      "confirm",
      "--confirm",
      "wingman status",
      "wingman output gold",
      "wingman history",
      "wingman kill gold",
      "spawn",
      "/wm approve hot",
      "wingman approve hot",
      "approve hot",
      "rm *",
      "approve gold",
      "deny gold",
      "trust gold",
      "answer gold",
      "tell! gold",
      "read-only",
      "toolAccess",
      STRANGER.id,
      "\\u001b",
      "ESC",
      "BEL",
      "U+0007",
      "U+001B",
      "position",
      "the deny reason",
      "nothing pressed",
      "nothing typed",
      "nothing to send",
      "not confirmed",
      "Yes",
      "don’t ask again",
      "no longer pending",
      "not the one on screen",
      "folder-trust",
      "does not exist",
      "missing",
      "wingman_status",
      "--yolo",
      "invalid model",
      "<ROOT>/person.sock:hand:0.0",
      "<ROOT>/none.sock",
      "sleep 600",
      "not an agent",
      "release hand",
      "released",
      "still runs",
      "already adopted as hand",
      "adopt sessions",
      "kill hot",
      "Claude Code",
      "then run the tests",
      "queued (1st)",
      "sent when gold is idle",
      "10 follow-ups",
      "unqueue gold",
      "queue gold",
      "dropped 10",
      "nothing queued",
      "wingman monitor",
      "gone-early",
      "killed by",
    ];
    const factsOf = (s: string) => vocabulary.filter((v) => s.includes(v));

    if (RECORD) {
      for (const c of cases) c.facts = factsOf(Object.values(c.replies).join("\n"));
      await mkdir(join(FIXTURE, ".."), { recursive: true });
      await writeFile(FIXTURE, `${JSON.stringify(cases, null, 2)}\n`);
      return;
    }
    if (!existsSync(FIXTURE)) throw new Error(`${FIXTURE} is missing: GOLDEN_RECORD=1 records it`);
    const golden = JSON.parse(await readFile(FIXTURE, "utf8")) as Case[];
    expect(cases.map((c) => c.name)).toEqual(golden.map((c) => c.name));
    const lost: string[] = [];
    for (const [i, old] of golden.entries()) {
      const now = cases[i]!.replies;
      for (const door of ["chat", "tool", "cliText", "cliJson", "web"] as const) {
        for (const f of factsOf(old.replies[door]))
          if (!now[door].includes(f))
            lost.push(
              `${old.name} · ${door}: lost ${JSON.stringify(f)}\n  was: ${old.replies[door]}\n  now: ${now[door]}`,
            );
      }
      for (const k of ["toolCode", "cliExit", "webStatus"] as const) {
        if (now[k] !== old.replies[k]) lost.push(`${old.name} · ${k}: was ${old.replies[k]}, now ${now[k]}`);
      }
      // JSON keeps today's fields: ok, error, message (and sessions for the CLI).
      for (const door of ["cliJson", "web"] as const) {
        if (!old.replies[door]) continue;
        const was = JSON.parse(old.replies[door]) as Record<string, unknown>;
        const is = JSON.parse(now[door]) as Record<string, unknown>;
        for (const key of Object.keys(was)) if (!(key in is)) lost.push(`${old.name} · ${door}: lost the field ${key}`);
        for (const key of ["ok", "error"])
          if (was[key] !== is[key])
            lost.push(`${old.name} · ${door}: ${key} was ${String(was[key])}, now ${String(is[key])}`);
      }
    }
    expect(lost).toEqual([]);
  });
});
