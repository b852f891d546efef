// The web door's pure parts: who may change state (token and origin), the contract's HTTP codes, the buttons a
// prompt gets (the chat's reply lines as buttons), and the monitor's events.jsonl that feeds the page.
import type { IncomingMessage } from "node:http";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import type { PendingPrompt } from "../../src/api/types.js";
import { EventsLog } from "../../src/core/monitor/events-log.js";
import { httpStatusOf } from "../../src/doors/web/app.js";
import { crossOriginReason, newToken, tokenMatches } from "../../src/doors/web/guard.js";
import { buttonsFor } from "../../src/doors/web/model.js";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("the web door's checks", () => {
  it("tokens are long and random, and compared exactly", () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(tokenMatches(a, a)).toBe(true);
    expect(tokenMatches(a.slice(0, -1), a)).toBe(false);
    expect(tokenMatches(`${a}x`, a)).toBe(false);
    expect(tokenMatches("", a)).toBe(false);
    expect(tokenMatches(null, a)).toBe(false);
  });

  it("a state change must come from the page's own origin", () => {
    expect(crossOriginReason(req({ host: "127.0.0.1:8080", origin: "http://127.0.0.1:8080" }))).toBeNull();
    expect(crossOriginReason(req({ host: "127.0.0.1:8080", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossOriginReason(req({ host: "127.0.0.1:8080", origin: "http://127.0.0.1:9999" }))).toContain(
      "not this page's",
    );
    expect(crossOriginReason(req({ host: "127.0.0.1:8080", origin: "https://evil.example" }))).toContain(
      "evil.example",
    );
    expect(crossOriginReason(req({ host: "127.0.0.1:8080", origin: "null" }))).toContain("not a URL");
    expect(
      crossOriginReason(
        req({ host: "127.0.0.1:8080", origin: "http://127.0.0.1:8080", "sec-fetch-site": "cross-site" }),
      ),
    ).toContain("cross-site");
    expect(crossOriginReason(req({ host: "127.0.0.1:8080", "sec-fetch-site": "same-site" }))).toContain("same-site");
    expect(crossOriginReason(req({ host: "127.0.0.1:8080" }))).toContain("no Origin");
  });

  it("maps every error code to the contract's HTTP status", () => {
    expect(["usage", "control_char"].map(httpStatusOf)).toEqual([400, 400]);
    expect(httpStatusOf("not_owner")).toBe(403);
    expect(httpStatusOf("not_found")).toBe(404);
    expect(["wrong_state", "stale_id", "not_drawn", "needs_confirm"].map(httpStatusOf)).toEqual([409, 409, 409, 409]);
    expect(httpStatusOf("host_unreachable")).toBe(503);
    expect(httpStatusOf("failed")).toBe(500);
  });
});

const base: PendingPrompt = {
  id: "7f3k",
  fingerprint: "x",
  since: "2026-11-24T12:00:00.000Z",
  kind: "tool",
  question: "Do you want to proceed?",
  tool: "Bash",
  detail: "python3 -c 'print(6*7)'",
  risk: "normal",
  riskReasons: [],
  options: [
    { number: 1, label: "Yes", role: "once", highlighted: true },
    {
      number: 2,
      label: "Yes, and don't ask again for python3 commands",
      role: "always",
      scope: "python3 *",
      highlighted: false,
    },
    { number: 3, label: "Yes, and switch to auto mode", role: "auto_mode", highlighted: false },
    { number: 4, label: "No", role: "no", highlighted: false },
  ],
};

describe("a prompt's buttons (the chat's reply lines)", () => {
  it("a tool prompt: approve, always with its exact scope, deny; auto mode is not offered", () => {
    expect(buttonsFor(base)).toEqual([
      { action: "approve", label: "Approve", confirm: false },
      { action: "always", label: "Always allow", scope: "python3 *" },
      { action: "deny", label: "Deny" },
    ]);
  });

  it("a high-risk prompt: approve needs confirm and there is no always", () => {
    const b = buttonsFor({ ...base, risk: "high", riskReasons: ["rm -rf"] });
    expect(b).toEqual([
      { action: "approve", label: "Approve (high risk)", confirm: true },
      { action: "deny", label: "Deny" },
    ]);
  });

  it("trust, questions (by number, no free-text row) and undrawn options", () => {
    expect(buttonsFor({ ...base, kind: "trust", options: [] })).toEqual([
      { action: "trust", label: "Trust this folder" },
    ]);
    const q = buttonsFor({
      ...base,
      kind: "question",
      tool: null,
      options: [
        { number: 1, label: "Red", role: "other", highlighted: true },
        { number: 2, label: "Blue", role: "other", highlighted: false },
        { number: 3, label: "Type something.", role: "other", highlighted: false, freeText: true },
      ],
    });
    expect(q).toEqual([
      { action: "answer", label: "Red", choice: "1" },
      { action: "answer", label: "Blue", choice: "2" },
    ]);
    expect(buttonsFor({ ...base, optionsPending: true, options: [] }).map((b) => b.action)).toEqual([
      "approve",
      "deny",
    ]);
  });

  it("a dialog with neither yes nor no: one answer button per option", () => {
    const d = buttonsFor({
      ...base,
      kind: "dialog",
      options: [{ number: 1, label: "Continue", role: "other", highlighted: true }],
    });
    expect(d).toEqual([{ action: "answer", label: "Continue", choice: "1" }]);
  });
});

describe("events.jsonl (the monitor's feed for the page)", () => {
  const n = (i: number): Notification => ({
    type: "finished",
    session: "s",
    at: new Date(0).toISOString(),
    text: `done ${i} ${"x".repeat(200)}`,
  });

  it("appends one JSON line per notification, in order, owner-only", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wm-events-"));
    try {
      const log = new EventsLog(dir, { info() {}, warn() {}, error() {} });
      for (let i = 0; i < 5; i++) log.append(n(i));
      await log.flushed();
      const lines = (await readFile(log.file, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Notification);
      expect(lines.map((l) => l.text.split(" ")[1])).toEqual(["0", "1", "2", "3", "4"]);
      expect((await stat(log.file)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rotates past 1 MB: the old file becomes events.jsonl.1, the new one starts empty", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wm-events-"));
    try {
      const log = new EventsLog(dir, { info() {}, warn() {}, error() {} });
      await writeFile(log.file, "x".repeat(999_900), { mode: 0o600 });
      log.append(n(1));
      await log.flushed();
      expect((await stat(`${log.file}.1`)).size).toBe(999_900);
      expect(JSON.parse(await readFile(log.file, "utf8")).text).toContain("done 1");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
