// Who may use the page: whoever holds the token (an owner on channel `web`, as the contract says). Reads
// take it in the URL's `token` parameter (EventSource cannot send headers); state-changing requests must
// send it in the `X-Wingman-Token` header AND come from the page's own origin (Origin, or Sec-Fetch-Site
// when Origin is absent), so that another site the owner visits cannot make their browser act.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Actor } from "../../api/types.js";

/** 32 random bytes as 43 URL-safe characters. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The actor every answer from the page is made and audited as. */
export const WEB_ACTOR: Actor = { id: "web", channel: "web", authorized: true };

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== "string" || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: the header first, else the URL's `token` parameter. */
export function tokenOf(req: IncomingMessage, url: URL): string | null {
  const h = req.headers["x-wingman-token"];
  if (typeof h === "string") return h;
  return url.searchParams.get("token");
}

/**
 * Null when the request comes from the page's own origin; else why not. The Origin's host must equal the
 * Host the request was sent to; a browser that sends no Origin must say `Sec-Fetch-Site: same-origin`.
 * A request with neither (not a browser) is refused too: the page always sends Origin.
 */
export function crossOriginReason(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  const host = req.headers.host;
  if (typeof site === "string" && site !== "same-origin") return `Sec-Fetch-Site is ${site}`;
  if (typeof origin === "string") {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return `Origin ${JSON.stringify(origin.slice(0, 80))} is not a URL`;
    }
    if (!host || o.host !== host) return `Origin ${o.origin} is not this page's (${host ?? "no Host"})`;
    return null;
  }
  if (site === "same-origin") return null;
  return "no Origin or Sec-Fetch-Site header: state-changing requests come from the page";
}

/** What a request's `Host` may name: the address the server is bound to, its port, and more names to allow. */
export interface HostRule {
  bind: string;
  port: number;
  /** config `web.allowedHosts`: `name` (any port) or `name:port`. */
  allowed: readonly string[];
  /** This machine's addresses, for a server bound to all of them (0.0.0.0, ::). */
  localAddresses?: readonly string[];
}

const bracket = (a: string) => (a.includes(":") && !a.startsWith("[") ? `[${a}]` : a).toLowerCase();

/**
 * Null when the `Host` header names this server; else why not. DNS rebinding: a site the owner visits can
 * point its own name at 127.0.0.1, and the browser then sends that name as `Host` (and as the Origin, so
 * the same-origin check passes): with a token leaked once, such a page could read and act. Only the bound
 * address (or, bound to all, any of this machine's addresses), `localhost` and the configured names are
 * served; the bound names also need the server's port.
 */
export function hostRefusal(host: string | undefined, rule: HostRule): string | null {
  if (!host) return "no Host header";
  let u: URL;
  try {
    u = new URL(`http://${host}`);
  } catch {
    return `Host ${JSON.stringify(host.slice(0, 80))} is not a host name`;
  }
  if (u.username || u.password || u.pathname !== "/" || u.search || u.hash)
    return `Host ${JSON.stringify(host.slice(0, 80))} is not a host name`;
  const name = u.hostname.toLowerCase();
  const port = u.port === "" ? 80 : Number(u.port);
  for (const a of rule.allowed) {
    const want = a.trim().toLowerCase();
    if (want === name || want === `${name}:${port}` || (u.port === "" && want === name)) return null;
  }
  const all = rule.bind === "0.0.0.0" || rule.bind === "::";
  const bound = new Set([
    "localhost",
    bracket(rule.bind),
    ...(all ? ["127.0.0.1", "[::1]", ...(rule.localAddresses ?? []).map(bracket)] : []),
  ]);
  if (bound.has(name) && port === rule.port) return null;
  return `Host ${host.slice(0, 80)} is not this server's address (${bracket(rule.bind)}:${rule.port}, localhost:${rule.port}${rule.allowed.length ? `, ${rule.allowed.join(", ")}` : ""}; more names: config web.allowedHosts)`;
}
