// The web page inside the host: a route under `/wingman/` on the gateway's HTTP port, on hosts whose
// routes take an `auth` mode (OpenClaw 2026.x: `auth: "plugin"`, `match: "prefix"`; docs/host-api.md §10).
// The gateway does not authenticate it ("plugin" auth): the page checks Wingman's own token, a random one
// per gateway process, which `/wm web` gives to an owner. On hosts whose routes have no auth (clawdbot
// 2026.1.24, whose API has no `registrationMode`) no route is registered and `/wm web` says so.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Actor } from "../../api/types.js";
import type { Wingman } from "../../core/wingman.js";
import { createWebApp, type WebApp } from "../web/app.js";
import { newToken } from "../web/guard.js";
import type { HostApi, HostLogger } from "./api-types.js";

export const WEB_BASE = "/wingman/";

/** One token per process: register may run more than once in the gateway, and every route must agree. */
let processToken: string | null = null;

type RouteApi = HostApi & {
  registrationMode?: string;
  registerHttpRoute?: (route: {
    path: string;
    auth: "plugin" | "gateway";
    match?: "exact" | "prefix";
    handler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;
  }) => void;
};

export interface WebRoute {
  /** The reply to `/wm web`; `direct`: the host marks the chat as one-to-one (isDirectChat). */
  reply(actor: Actor, direct: boolean): string;
  stop(): void;
}

/** What a command's context may say about the chat it came from (OpenClaw 2026.9.6: docs/host-api.md). */
export interface ChatFacts {
  channel: string;
  from?: string;
  to?: string;
  sessionKey?: string;
  isGroup?: boolean;
  chatType?: string;
}

/** A group, channel or room in the ids hosts use: `telegram:group:-100…`, `…@g.us`, `agent:main:slack:channel:C1`. */
const GROUPISH = /(?:^|:)(?:group|channel|room|broadcast)(?::|$)|@g\.us\b|@broadcast\b/i;
/** A one-to-one session key: `agent:main:telegram:direct:123`, `…:dm:…`, or the agent's main key. */
const DIRECT_KEY = /^agent:[^:]+:(?:main|.*:(?:direct|dm):[^:]+)$/i;

/**
 * Whether the host marks this chat as a direct (one-to-one) chat, where the page's address (with its token,
 * which lets whoever holds it answer prompts) may be sent. Anything that says group wins; then the host must
 * say direct: `isGroup: false`, `chatType: "direct"`, a direct session key, or the host's own local chat
 * (`localChannels`, e.g. the gateway's web chat, which only the operator reaches). Clawdbot 2026.1.24 gives
 * none of these, and it serves no page anyway.
 */
export function isDirectChat(c: ChatFacts, localChannels: readonly string[]): boolean {
  if (c.isGroup === true) return false;
  if (c.chatType !== undefined && c.chatType !== "direct" && c.chatType !== "dm") return false;
  if ([c.from, c.to, c.sessionKey].some((x) => typeof x === "string" && GROUPISH.test(x))) return false;
  if (c.isGroup === false || c.chatType === "direct" || c.chatType === "dm") return true;
  if (typeof c.sessionKey === "string" && DIRECT_KEY.test(c.sessionKey)) return true;
  return localChannels.map((l) => l.toLowerCase()).includes(c.channel.toLowerCase());
}

export function registerWebRoute(hostApi: HostApi, wingman: () => Wingman, log: HostLogger): WebRoute {
  const api = hostApi as RouteApi;
  const served = typeof api.registrationMode === "string" && typeof api.registerHttpRoute === "function";
  processToken ??= newToken();
  const token = processToken;
  let app: WebApp | null = null;
  let started: Promise<void> | null = null;
  if (served) {
    api.registerHttpRoute!({
      path: WEB_BASE.slice(0, -1),
      auth: "plugin",
      match: "prefix",
      async handler(req, res) {
        // Created on the first request, not in register (which also runs in the host's CLI processes).
        app ??= createWebApp({ wingman: wingman(), token, base: WEB_BASE, logger: log });
        started ??= app.start();
        await started;
        return app.handle(req, res);
      },
    });
  }
  return {
    reply(actor, direct) {
      if (!actor.authorized) return "✗ only an owner gets the web page's address";
      if (!served)
        return "✗ this host's HTTP routes have no authentication, so Wingman serves no page here: run `wingman web` in a terminal on this machine";
      if (!direct)
        return "✗ the web page's address carries its token: ask for it in a direct chat with the assistant, not in a group";
      const gw = (api.config?.gateway ?? {}) as { port?: number };
      const port = typeof gw.port === "number" ? gw.port : 18789;
      return [
        `🌐 Wingman's live page: http://127.0.0.1:${port}${WEB_BASE}?token=${token}`,
        "(on another machine, use the gateway's address instead of 127.0.0.1). The token is valid until the gateway restarts; whoever has it can answer prompts, so keep it to yourself.",
      ].join("\n");
    },
    stop() {
      app?.stop();
      app = null;
      started = null;
    },
  };
}
