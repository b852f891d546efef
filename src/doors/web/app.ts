// Longer than 300 lines: the web door's routes, guard and replies are one request handler; split, the token and Host
// checks would be repeated per route.
// The web door: one request handler, mounted at `/` by `wingman web` and at `/wingman/` in the host.
//   GET  index.html            the page's shell   GET app.js, app.css   its script and style (no data, no token:
//        the script takes the token from the address once, keeps it in sessionStorage and removes it from the
//        address, so a reload, a bookmark or a screen share does not carry it)
//   GET  api/status (token)    the dashboard     GET api/sessions/NAME (token)  one session: screen, history, audit
//   GET  api/events (token)    server-sent events: status, notification, screen, journal
//   GET  api/sessions/NAME/changes (token)  a worktree session's changes and whole diff (text, redacted)
//   POST api/sessions/NAME/respond|send|kill (token header + same origin)  the same path as `/wm`:
//        perform() in doors/phrases/requests.ts, as the actor `web` (channel `web`), so the core checks the
//        id, the fingerprint, the owner, the text and the confirm, and audits it.
// Every response carries a strict Content-Security-Policy (no inline script or style, nothing from elsewhere).
// `wingman web` also checks `Host` (guard.ts hostRefusal: DNS rebinding), and a high-risk approve or a kill
// takes two presses that the server counts, not only the page (see `TwoPress`).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../api/notify.js";
import type { WingmanErrorCode } from "../../api/errors.js";
import type { RespondAction } from "../../api/types.js";
import type { Wingman } from "../../core/wingman.js";
import { describeDone, describeRefusal } from "../../format/outcomes.js";
import { perform, type Request, type Result } from "../phrases/requests.js";
import { assets } from "./assets.js";
import { crossOriginReason, tokenMatches, tokenOf, WEB_ACTOR } from "./guard.js";
import { LiveFeed } from "./live.js";
import { pageDetail, pageStatus } from "./model.js";
import { changesLine, describeGitRefusal } from "../../format/changes.js";

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HEADERS = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** The contract's HTTP status for each error code. */
export function httpStatusOf(code: WingmanErrorCode | string): number {
  switch (code) {
    case "usage":
    case "control_char":
      return 400;
    case "not_owner":
      return 403;
    case "not_found":
      return 404;
    case "wrong_state":
    case "stale_id":
    case "not_drawn":
    case "needs_confirm":
    case "refused":
    case "conflict":
      return 409;
    case "host_unreachable":
    case "unavailable":
      return 503;
    default:
      return 500;
  }
}

const MAX_BODY = 64 * 1024;
const ACTIONS = new Set<RespondAction>(["approve", "always", "deny", "trust", "answer"]);

class HttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface WebApp {
  /** Handles a request whose path starts with the app's base; false when the path is not the app's. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  start(): Promise<void>;
  stop(): void;
}

/** The HTTP status and JSON body of a POST's result (respond, send, kill). */
export function webReply(r: Result): { status: number; body: Record<string, unknown> } {
  if (!r.ok) {
    const message = r.op === "workspace" ? describeGitRefusal(r.verb, r.facts) : describeRefusal(r.facts);
    return {
      status: httpStatusOf(r.error),
      body: { ok: false, error: r.error, code: r.error, message, facts: r.facts },
    };
  }
  if (r.op !== "act") return { status: 200, body: { ok: true, message: "" } };
  return {
    status: 200,
    body: { ok: true, message: describeDone(r.outcome), code: r.outcome.code, facts: r.outcome.facts },
  };
}

/** How long a first press stays armed for its second (the contract's buttons use the same 2 minutes). */
export const SECOND_PRESS_MS = 120_000;

/**
 * The second press of a high-risk approve (and of a kill), counted on the server: a first press without
 * `confirm` that the core refuses with needs_confirm arms that prompt (or that kill) for 2 minutes; a press
 * with `confirm` is carried out only when armed, and disarms it. A script holding the token cannot approve
 * a high-risk prompt in one request.
 */
class TwoPress {
  private readonly armed = new Map<string, number>();
  arm(key: string, now = Date.now()): void {
    for (const [k, at] of this.armed) if (now - at > SECOND_PRESS_MS) this.armed.delete(k);
    this.armed.set(key, now);
  }
  /** True (and disarmed) when `key` was armed within the window. */
  take(key: string, now = Date.now()): boolean {
    const at = this.armed.get(key);
    this.armed.delete(key);
    return at !== undefined && now - at <= SECOND_PRESS_MS;
  }
}

export function createWebApp(o: {
  wingman: Wingman;
  token: string;
  base: string;
  logger: Logger;
  /** Why a request's Host is refused, or null (guard.ts hostRefusal); absent: no check (the host's gateway route). */
  checkHost?: (host: string | undefined) => string | null;
}): WebApp {
  const base = o.base.endsWith("/") ? o.base : `${o.base}/`;
  const live = new LiveFeed(o.wingman, o.logger);
  const presses = new TwoPress();

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { ...HEADERS, "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }
  const fail = (res: ServerResponse, code: string, message: string) =>
    json(res, httpStatusOf(code), { ok: false, error: code, message });

  async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
    const type = String(req.headers["content-type"] ?? "");
    if (!/^application\/json\b/i.test(type))
      throw new HttpError("usage", "send a JSON body (Content-Type: application/json)");
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) throw new HttpError("usage", `the body is over ${MAX_BODY} bytes`);
      chunks.push(c as Buffer);
    }
    let v: unknown;
    try {
      v = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      throw new HttpError("usage", "the body is not JSON");
    }
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new HttpError("usage", "the body must be a JSON object");
    return v as Record<string, unknown>;
  }

  const str = (v: unknown, what: string, required = false): string | undefined => {
    if (v === undefined || v === null || v === "") {
      if (required) throw new HttpError("usage", `${what} is missing`);
      return undefined;
    }
    if (typeof v !== "string") throw new HttpError("usage", `${what} must be a string`);
    return v;
  };

  /** The request a button or the text box makes, as the chat would make it. */
  function requestOf(session: string, verb: string, b: Record<string, unknown>): Request {
    if (verb === "respond") {
      const action = str(b.action, "action", true) as RespondAction;
      if (!ACTIONS.has(action)) throw new HttpError("usage", `action must be one of ${[...ACTIONS].join(", ")}`);
      // Id-bound, like `/wm approve NAME ID`: the page always names the prompt it showed (trust has no id).
      const id = str(b.id, "id", action !== "trust");
      const choices =
        b.choices === undefined
          ? undefined
          : Array.isArray(b.choices) && b.choices.every((c) => typeof c === "string")
            ? (b.choices as string[])
            : null;
      if (choices === null) throw new HttpError("usage", "choices must be a list of strings");
      return {
        op: "respond",
        req: {
          session,
          action,
          id,
          confirm: b.confirm === true,
          reason: str(b.reason, "reason"),
          text: str(b.text, "text"),
          choices,
        },
      };
    }
    if (verb === "send") return { op: "send", session, text: str(b.text, "text", true)!, force: b.force === true };
    if (verb === "kill") {
      if (b.confirm !== true) {
        presses.arm(`kill:${session}`);
        throw new HttpError("needs_confirm", `killing ${session} needs a second press (confirm)`);
      }
      if (!presses.take(`kill:${session}`))
        throw new HttpError(
          "needs_confirm",
          `killing ${session} takes two presses: press Kill, then again within 2 minutes`,
        );
      return { op: "kill", session };
    }
    throw new HttpError("not_found", `no action ${verb}`);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, rest: string): Promise<void> {
    const method = req.method ?? "GET";
    const a = assets();
    if ((rest === "app.js" || rest === "app.css") && (method === "GET" || method === "HEAD")) {
      const f = a.get(rest)!;
      res.writeHead(200, { ...HEADERS, "Content-Type": f.type, "Cache-Control": "no-cache" });
      res.end(method === "HEAD" ? undefined : f.body);
      return;
    }
    if (rest === "favicon.ico") {
      res.writeHead(204, HEADERS);
      res.end();
      return;
    }
    // The page's shell holds no data: served without the token, so a reload works once the script has moved
    // the token out of the address (it reads it from sessionStorage then).
    if (method === "GET" && (rest === "" || rest === "index.html")) {
      const f = a.get("index.html")!;
      res.writeHead(200, { ...HEADERS, "Content-Type": f.type });
      res.end(f.body);
      return;
    }
    // Everything else needs the token.
    if (!tokenMatches(tokenOf(req, url), o.token)) {
      return fail(
        res,
        "not_owner",
        "the web token is missing or wrong: open the URL that `wingman web` (or `/wm web`) printed",
      );
    }
    if (method === "GET" && rest === "api/status") return json(res, 200, await pageStatus(o.wingman));
    if (method === "GET" && rest === "api/events") {
      res.writeHead(200, {
        ...HEADERS,
        "Content-Type": "text/event-stream; charset=utf-8",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write("retry: 2000\n\n");
      live.add(res, url.searchParams.get("session") || null);
      return;
    }
    const diff = /^api\/sessions\/([^/]+)\/changes$/.exec(rest);
    if (diff && method === "GET") {
      // Read-only: the session's changes and its whole diff as text (the page renders it with textContent).
      const session = decodeURIComponent(diff[1]!);
      const [c, d] = await Promise.all([o.wingman.changes(session), o.wingman.fullDiff(session)]);
      if (!c.ok)
        return json(res, httpStatusOf(c.error), {
          ok: false,
          error: c.error,
          message: describeGitRefusal("changes", c.facts),
          facts: c.facts,
        });
      if (!d.ok)
        return json(res, httpStatusOf(d.error), {
          ok: false,
          error: d.error,
          message: describeGitRefusal("changes", d.facts),
          facts: d.facts,
        });
      return json(res, 200, {
        ok: true,
        changes: c.facts,
        summary: c.code === "changes" ? changesLine(c.facts) : "",
        diff: d.facts.patch,
        truncated: d.facts.truncated,
      });
    }
    const m = /^api\/sessions\/([^/]+)(?:\/(respond|send|kill))?$/.exec(rest);
    if (!m) return fail(res, "not_found", `no such page: ${rest.slice(0, 80)}`);
    const name = decodeURIComponent(m[1]!);
    if (!m[2]) {
      if (method !== "GET") return fail(res, "usage", `${method} is not allowed here`);
      const d = await pageDetail(o.wingman, name);
      return d ? json(res, 200, d) : fail(res, "not_found", `no session ${name.slice(0, 40)}`);
    }
    if (method !== "POST") return fail(res, "usage", `use POST for ${m[2]}`);
    // State changes: the token came in the header (never from the URL), and from the page's own origin.
    if (
      !tokenMatches(typeof req.headers["x-wingman-token"] === "string" ? req.headers["x-wingman-token"] : null, o.token)
    ) {
      return fail(res, "not_owner", "state-changing requests send the token in the X-Wingman-Token header");
    }
    const cross = crossOriginReason(req);
    if (cross) return fail(res, "not_owner", `refused: ${cross}`);
    const b = await body(req);
    const request = requestOf(name, m[2], b);
    // A high-risk approve: the confirming press counts only after a first press of that same prompt.
    const approveKey =
      request.op === "respond" && request.req.action === "approve" ? `approve:${name}:${request.req.id ?? ""}` : null;
    if (approveKey && request.op === "respond" && request.req.confirm && !presses.take(approveKey)) {
      return fail(
        res,
        "needs_confirm",
        `a high-risk approve takes two presses: press Approve for ${request.req.id ?? "the prompt"}, then again within 2 minutes`,
      );
    }
    const r = await perform(o.wingman, request, WEB_ACTOR);
    if (!r.ok && r.error === "needs_confirm" && approveKey) presses.arm(approveKey);
    const reply = webReply(r);
    json(res, reply.status, reply.body);
    if (r.ok) void live.pushStatus(true);
  }

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? "/", "http://wingman.invalid");
      if (url.pathname === base.slice(0, -1)) {
        // `/wingman` → `/wingman/`, so the page's relative URLs resolve under the base.
        res.writeHead(308, { ...HEADERS, Location: `${base}${url.search}` });
        res.end();
        return true;
      }
      if (!url.pathname.startsWith(base)) return false;
      const wrongHost = o.checkHost?.(req.headers.host);
      if (wrongHost) {
        fail(res, "not_owner", `refused: ${wrongHost}`);
        return true;
      }
      try {
        await route(req, res, url, url.pathname.slice(base.length));
      } catch (e) {
        if (res.headersSent) res.end();
        else if (e instanceof HttpError) fail(res, e.code, e.message);
        else {
          o.logger.error(`web: ${(e as Error).message}`);
          fail(res, "failed", (e as Error).message);
        }
      }
      return true;
    },
    start: () => live.start(),
    stop: () => live.stop(),
  };
}
