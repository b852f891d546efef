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
