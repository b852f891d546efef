// `wingman web`'s HTTP server: the web app at `/`, on 127.0.0.1 unless told otherwise, with a fresh random
// token per run in the one URL it prints.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import type { Logger } from "../../api/notify.js";
import type { Wingman } from "../../core/wingman.js";
import { createWebApp, type WebApp } from "./app.js";
import { type HostRule, hostRefusal, newToken } from "./guard.js";

export interface WebServer {
  url: string;
  token: string;
  port: number;
  app: WebApp;
  close(): Promise<void>;
}

/** Starts serving; `port` 0 picks a free port. */
export async function startWebServer(o: {
  wingman: Wingman;
  port: number;
  bind: string;
  logger: Logger;
  token?: string;
}): Promise<WebServer> {
  const token = o.token ?? newToken();
  // Known once listening (port 0 picks one); until then no request can arrive.
  let rule: HostRule | null = null;
  const checkHost = (host: string | undefined) => (rule ? hostRefusal(host, rule) : "not listening yet");
  const app = createWebApp({ wingman: o.wingman, token, base: "/", logger: o.logger, checkHost });
  await app.start();
  const server: Server = createServer((req, res) => {
    void app.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { "Content-Type": "text/plain" });
        res.end("not found\n");
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const localAddresses = Object.values(networkInterfaces()).flatMap((l) => (l ?? []).map((i) => i.address));
  rule = { bind: o.bind, port, allowed: o.wingman.config.web?.allowedHosts ?? [], localAddresses };
  const host = o.bind.includes(":") ? `[${o.bind}]` : o.bind === "0.0.0.0" ? "127.0.0.1" : o.bind;
  return {
    url: `http://${host}:${port}/?token=${token}`,
    token,
    port,
    app,
    async close() {
      app.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
