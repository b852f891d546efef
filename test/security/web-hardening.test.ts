// Adversarial list for the web door, on the real server (`wingman web`'s startWebServer over plain HTTP, real
// tmux and the stand-in agent), and for `/wm web` in the plugin. Browsers are not needed for these: the page's
// own behaviour (the token leaving the address bar) is in test/browser/dashboard.test.ts.
//
//   Host: evil.example:PORT (DNS rebinding) with the right token and a same-origin Origin  → 403, nothing typed
//   Host: 127.0.0.1:PORT, localhost:PORT                                                  → served
//   Host: 127.0.0.1:OTHER, no Host                                                        → 403
//   Host: a name in web.allowedHosts (a proxy)                                            → served
//   a high-risk approve sent with confirm in ONE request (no first press)                 → 409 needs_confirm, nothing pressed
//   first press (409 needs_confirm, armed), then confirm                                  → approved, the dialog answered
//   a confirm for another prompt id than the armed one                                    → 409, nothing pressed
//   a kill sent with confirm in one request                                               → 409; after a first press, killed
//   the page's shell without the token                                                    → 200, no token, no data; the data still needs it
//   the page's script                                                                     → moves the token to sessionStorage and out of the address; no URL it makes carries it
//   `/wm web` from an owner in a group (isGroup, a group sender, a group session key)      → refused, no URL
//   `/wm web` from an owner in a direct chat (isGroup false, a direct key, the local web chat) → the URL with the token
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { resolveConfig } from "../../src/config.js";
import { isDirectChat } from "../../src/doors/host/web-route.js";
import { hostRefusal } from "../../src/doors/web/guard.js";
import { startWebServer, type WebServer } from "../../src/doors/web/server.js";
import plugin from "../../src/index.js";
import { standinEach } from "../../devkit/standin-fixture.js";
import { OWNER, REPO, type TempWingman } from "../../devkit/temp-wingman.js";
import { standinPrompts, until } from "../../devkit/wait.js";

const quiet = { info() {}, warn() {}, error() {} };

/** One HTTP request with exactly these headers (fetch would not send our own Host). */
function http(
  port: number,
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: o.method ?? "GET",
        headers: { ...(body ? { "Content-Type": "application/json" } : {}), ...o.headers },
        setHost: !o.headers?.Host,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

describe("the web server (real tmux, the stand-in agent)", () => {
  let t: TempWingman;
  let log: string;
  let work: string;
  let web: WebServer | undefined;
  standinEach((f) => {
    ({ t, log, work } = f);
  });
  afterEach(async () => {
    await web?.close();
    web = undefined;
  });

  async function serve(allowedHosts: string[] = []) {
    t.wingman.config.web = { allowedHosts };
    web = await startWebServer({ wingman: t.wingman, port: 0, bind: "127.0.0.1", logger: quiet });
    return web;
  }
  const post = (w: WebServer, path: string, body: unknown, host = `127.0.0.1:${w.port}`) =>
    http(w.port, path, {
      method: "POST",
      headers: { Host: host, Origin: `http://${host}`, "X-Wingman-Token": w.token },
      body,
    });

  async function idle(name: string) {
    expect((await t.wingman.spawn({ session: name, workdir: work }, OWNER)).ok).toBe(true);
    await until(
      () => t.wingman.status(name),
      (vs) => vs[0]?.state === "idle",
    );
  }
  async function risky(name: string): Promise<SessionView> {
    t.env.STANDIN_DRAW_DELAY_MS = "100";
    await idle(name);
    expect((await t.wingman.send(name, "ASK_RISKY", {}, OWNER)).ok).toBe(true);
    const [v] = await until(
      () => t.wingman.status(name),
      (vs) => !!vs[0]?.pending && !vs[0].pending.optionsPending,
    );
    expect(v?.pending).toMatchObject({ tool: "Bash", detail: "rm -rf build", risk: "high" });
    return v!;
  }

  it("DNS rebinding: another Host is refused even with the token and a matching Origin; this server's names are served", async () => {
    const w = await serve();
    await idle("web1");
    const token = { "X-Wingman-Token": w.token };
    const evil = `evil.example:${w.port}`;
    const read = await http(w.port, "/api/status", { headers: { Host: evil, ...token } });
    expect(read.status).toBe(403);
    expect(JSON.parse(read.body)).toMatchObject({ ok: false, error: "not_owner" });
    expect(read.body).toContain("evil.example");
    expect((await post(w, "/api/sessions/web1/send", { text: "rm -rf ~" }, evil)).status).toBe(403);
    expect((await http(w.port, "/", { headers: { Host: evil } })).status).toBe(403);
    expect((await http(w.port, "/api/status", { headers: { Host: `127.0.0.1:${w.port + 1}`, ...token } })).status).toBe(
      403,
    );
    for (const host of [`127.0.0.1:${w.port}`, `localhost:${w.port}`, `LOCALHOST:${w.port}`]) {
      expect((await http(w.port, "/api/status", { headers: { Host: host, ...token } })).status, host).toBe(200);
    }
    expect(await standinPrompts(log)).toEqual([]);
  });

  it("a name in web.allowedHosts (a proxy in front) is served", async () => {
    const w = await serve(["wingman.example.org"]);
    expect(
      (await http(w.port, "/api/status", { headers: { Host: "wingman.example.org", "X-Wingman-Token": w.token } }))
        .status,
    ).toBe(200);
    expect(
      (await http(w.port, "/api/status", { headers: { Host: "other.example.org", "X-Wingman-Token": w.token } }))
        .status,
    ).toBe(403);
    expect(resolveConfig({ web: { allowedHosts: ["a.example"] } }, {}).web).toEqual({ allowedHosts: ["a.example"] });
  });

  it("a high-risk approve in one request is refused: the server counts the first press", async () => {
    const w = await serve();
    const v = await risky("web2");
    const id = v.pending!.id;
    const once = await post(w, "/api/sessions/web2/respond", { action: "approve", id, confirm: true });
    expect(once.status).toBe(409);
    expect(JSON.parse(once.body)).toMatchObject({ ok: false, error: "needs_confirm" });
    expect(await standinPrompts(log)).toEqual(["ASK_RISKY"]);
    expect((await t.wingman.status("web2"))[0]?.pending?.id).toBe(id);
    // The first press: refused by the core (needs confirm), and now armed on the server.
    const first = await post(w, "/api/sessions/web2/respond", { action: "approve", id });
    expect(first.status).toBe(409);
    // A confirm for another id does not use this arming.
    expect((await post(w, "/api/sessions/web2/respond", { action: "approve", id: "zz22", confirm: true })).status).toBe(
      409,
    );
    const second = await post(w, "/api/sessions/web2/respond", { action: "approve", id, confirm: true });
    expect(second.status, second.body).toBe(200);
    await until(
      () => standinPrompts(log),
      (p) => p.includes("ANSWERED"),
    );
    expect(await standinPrompts(log)).toEqual(["ASK_RISKY", "ANSWERED"]);
    // Used once: a replayed confirm is not armed any more.
    expect((await post(w, "/api/sessions/web2/respond", { action: "approve", id, confirm: true })).status).toBe(409);
  });

  it("a kill in one request is refused; a first press arms it", async () => {
    const w = await serve();
    await idle("web3");
    expect((await post(w, "/api/sessions/web3/kill", { confirm: true })).status).toBe(409);
    expect((await t.wingman.status("web3"))[0]?.state).toBe("idle");
    expect((await post(w, "/api/sessions/web3/kill", {})).status).toBe(409);
    const killed = await post(w, "/api/sessions/web3/kill", { confirm: true });
    expect(killed.status, killed.body).toBe(200);
    expect(JSON.parse(killed.body).message).toContain("web3");
  });

  it("the page's shell needs no token and holds none; the data does", async () => {
    const w = await serve();
    const host = { Host: `127.0.0.1:${w.port}` };
    const shell = await http(w.port, "/", { headers: host });
    expect(shell.status).toBe(200);
    expect(shell.body).toContain('<script src="app.js" defer></script>');
    expect(shell.body).not.toContain(w.token);
    expect((await http(w.port, "/api/status", { headers: host })).status).toBe(403);
    expect((await http(w.port, `/api/status?token=${w.token}`, { headers: host })).status).toBe(200);
  });
});

describe("the page's script and the token", () => {
  it("takes the token from the address once, keeps it in sessionStorage, replaces the address without it, and never builds a URL with it", async () => {
    const js = await readFile(join(REPO, "src/doors/web/static/app.js"), "utf8");
    expect(js).toContain('url.searchParams.delete("token")');
    expect(js).toMatch(/history\.replaceState\([^)]*url\.pathname/);
    expect(js).toContain("sessionStorage.setItem(KEY, given)");
    // Every other place the address is set (pushState for a session's #name) uses no token.
    for (const m of js.matchAll(/history\.(?:push|replace)State\(([^;]*)\);/g))
      expect(m[1], m[0]).not.toContain("token");
    // Only the live feed (EventSource cannot send headers) puts the token in a request URL, never in the address.
    expect([...js.matchAll(/token/g)].length).toBeGreaterThan(0);
    expect(js).not.toMatch(/\?token=\$\{/);
  });
});

describe("/wm web only in a direct chat", () => {
  it("isDirectChat: group markers win; the host must say direct", () => {
    const local = ["webchat"];
    const cases: Array<[Parameters<typeof isDirectChat>[0], boolean]> = [
      [{ channel: "telegram", isGroup: true }, false],
      [{ channel: "telegram", isGroup: false }, true],
      [{ channel: "telegram", from: "telegram:group:-100123", sessionKey: "agent:main:main" }, false],
      [{ channel: "whatsapp", from: "120363025000000000@g.us" }, false],
      [{ channel: "slack", sessionKey: "agent:main:slack:channel:C0123" }, false],
      [{ channel: "telegram", chatType: "group" }, false],
      [{ channel: "telegram", chatType: "direct" }, true],
      [{ channel: "telegram", from: "telegram:123", sessionKey: "agent:main:telegram:direct:123" }, true],
      [{ channel: "whatsapp", from: "+15551234567", sessionKey: "agent:main:main" }, true],
      [{ channel: "webchat" }, true],
      [{ channel: "telegram", from: "telegram:123" }, false],
      [{ channel: "discord" }, false],
    ];
    for (const [ctx, direct] of cases) expect(isDirectChat(ctx, local), JSON.stringify(ctx)).toBe(direct);
  });

  it("the /wm command: an owner in a group gets no URL; in a direct chat the URL with the token", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wm-webcmd-"));
    try {
      let handler: ((ctx: Record<string, unknown>) => Promise<{ text: string }>) | undefined;
      const host = { channels: { telegram: { allowFrom: ["123"] } }, gateway: { port: 18789 } };
      plugin.register({
        config: host,
        pluginConfig: { stateDir: dir },
        registrationMode: "full",
        registerHttpRoute: () => {},
        registerCommand: (c: { name: string; handler: typeof handler }) => {
          if (c.name === "wm") handler = c.handler;
        },
      } as never);
      const wm = (ctx: Record<string, unknown>) =>
        handler!({
          senderId: "123",
          channel: "telegram",
          isAuthorizedSender: true,
          args: "web",
          commandBody: "/wm web",
          config: host,
          ...ctx,
        });
      for (const group of [
        { isGroup: true },
        { from: "telegram:group:-100123", to: "telegram:group:-100123" },
        { sessionKey: "agent:main:telegram:group:-100123" },
      ]) {
        const r = await wm(group);
        expect(r.text, JSON.stringify(group)).toMatch(/^✗ .*direct chat/);
        expect(r.text).not.toContain("token=");
      }
      const direct = await wm({
        from: "telegram:123",
        to: "telegram:123",
        sessionKey: "agent:main:telegram:direct:123",
      });
      expect(direct.text).toMatch(/http:\/\/127\.0\.0\.1:18789\/wingman\/\?token=[A-Za-z0-9_-]{43}/);
      // A stranger is still refused first.
      expect((await wm({ senderId: "999", isGroup: false })).text).toBe("✗ only an owner gets the web page's address");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("hostRefusal (pure): bound to all addresses, this machine's addresses and localhost are served", () => {
    const rule = { bind: "0.0.0.0", port: 8080, allowed: [], localAddresses: ["192.168.1.20", "fe80::1"] };
    expect(hostRefusal("192.168.1.20:8080", rule)).toBeNull();
    expect(hostRefusal("[fe80::1]:8080", rule)).toBeNull();
    expect(hostRefusal("127.0.0.1:8080", rule)).toBeNull();
    expect(hostRefusal("rebind.example:8080", rule)).toMatch(/not this server's address/);
    expect(hostRefusal("192.168.1.20:8080@evil", rule)).not.toBeNull();
    expect(hostRefusal(undefined, rule)).toBe("no Host header");
  });
});
