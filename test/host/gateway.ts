// A real host gateway for the host tests: started on a free 127.0.0.1 port with only the variables a user's
// gateway would have, stopped by its PID, and chatted with through the host's own client (gateway-chat.mjs).
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { REPO } from "../../devkit/temp-wingman.js";

/**
 * The host tests' guard against a hang, for a host's start or one call of its CLI; not a speed check (speed is
 * measured in bench/). A start costs 10 to 30 s of CPU (clawdbot's whole file: 80 s); on the shared 2-core machine,
 * under other runs' load, it got as little as 15% of a core, and a 120 s guard fired on a start that was only
 * slow (docs/testing.md, "Runs under load"). vitest.config.ts gives the host files' hooks and tests the same room.
 */
export const HOST_HANG_MS = 480_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** This process's environment without the test runner's own variables (VITEST, NODE_OPTIONS, npm_*), plus `extra`. */
export function hostEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_OPTIONS|npm_|TEST$)/.test(k)),
  );
  return { ...base, ...extra };
}

export interface Gateway {
  child: ChildProcess;
  port: number;
  /** Everything the gateway printed so far. */
  log(): string;
  /** SIGTERM, then SIGKILL if it is still there half a second later. */
  stop(): Promise<void>;
}

/** Runs `node entry gateway run` on 127.0.0.1:port and waits until `ready(log)` (or fails with the log). */
export async function startGateway(o: {
  node: string;
  entry: string;
  port: number;
  env: NodeJS.ProcessEnv;
  ready: (log: string) => boolean;
}): Promise<Gateway> {
  const child = spawn(
    o.node,
    [o.entry, "gateway", "run", "--port", String(o.port), "--bind", "loopback", "--token", "t"],
    { env: o.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  const keep = (c: Buffer) => {
    log += String(c);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const gw: Gateway = {
    child,
    port: o.port,
    log: () => log,
    async stop() {
      await stopChatClient(gw);
      if (child.pid && child.exitCode === null) child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      if (child.pid && child.exitCode === null) child.kill("SIGKILL");
    },
  };
  const until = Date.now() + HOST_HANG_MS;
  while (!o.ready(log)) {
    if (Date.now() > until || child.exitCode !== null) {
      await gw.stop();
      throw new Error(
        `the gateway did not start (exit ${child.exitCode}, signal ${child.signalCode}):\n${log.slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return gw;
}

export interface ChatReply {
  message: string;
  /** "final" (a reply), "error" (the run failed, e.g. the assistant has no model), "timeout". */
  state: string;
  text: string;
  /** The host started an assistant (model) run for the message; OpenClaw reports it, clawdbot 2026.1.24 did not. */
  agentRan: boolean;
}

/** A gateway's chat client (gateway-chat.mjs), started on the first chat and stopped with the gateway. */
interface ChatClient {
  child: ChildProcess;
  /** The next line it prints, or an error with what it printed if it ends first. */
  next(): Promise<string>;
}

const chatClients = new WeakMap<Gateway, Promise<ChatClient>>();

function startChatClient(o: {
  node: string;
  client: string;
  gateway: Gateway;
  env: NodeJS.ProcessEnv;
}): Promise<ChatClient> {
  // Per message, the same kind of hang guard: gateway-chat.mjs's own 30 s default ran out on the first
  // assistant run after a gateway start under load (the reply came as "timeout", agentRan false).
  const spec = { client: o.client, url: `ws://127.0.0.1:${o.gateway.port}`, token: "t", timeoutMs: HOST_HANG_MS / 4 };
  const child = spawn(o.node, [join(REPO, "test/host/gateway-chat.mjs"), JSON.stringify(spec)], {
    env: o.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err += String(c);
  });
  const lines: string[] = [];
  const waiting: Array<{ ok: (l: string) => void; no: (e: Error) => void }> = [];
  let ended: Error | undefined;
  createInterface({ input: child.stdout! }).on("line", (l) => {
    const w = waiting.shift();
    if (w) w.ok(l);
    else lines.push(l);
  });
  child.on("close", (code, signal) => {
    ended = new Error(
      `gateway-chat.mjs ended (exit ${code}, signal ${signal}): ${lines.join("\n")}\n${err.slice(-3000)}`,
    );
    for (const w of waiting.splice(0)) w.no(ended);
  });
  const next = () =>
    new Promise<string>((ok, no) => {
      const l = lines.shift();
      if (l !== undefined) ok(l);
      else if (ended) no(ended);
      else waiting.push({ ok, no });
    });
  return (async () => {
    try {
      const hello = await withTimeout(next(), HOST_HANG_MS, "gateway-chat.mjs did not connect");
      if (!(JSON.parse(hello) as { ready?: boolean }).ready) throw new Error(`gateway-chat.mjs: ${hello}`);
    } catch (e) {
      child.kill("SIGKILL"); // by its PID: a client that never connected is not left behind
      throw e;
    }
    return { child, next };
  })();
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_ok, no) => {
      timer = setTimeout(() => no(new Error(`${what} within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Sends each message in turn over the gateway's chat with the host's own client module, run on the host's Node:
 * one client per gateway, connected on the first chat and kept (gateway-chat.mjs), so calls are one at a time.
 */
export async function chat(
  o: { node: string; client: string; gateway: Gateway; env: NodeJS.ProcessEnv },
  ...messages: string[]
): Promise<ChatReply[]> {
  let c = chatClients.get(o.gateway);
  if (!c) {
    c = startChatClient(o);
    chatClients.set(o.gateway, c);
  }
  // A client that failed, to connect or to answer, is dropped: the next chat starts another, and a late reply
  // can never be read as the next chat's.
  const client = await c.catch((e: unknown) => {
    chatClients.delete(o.gateway);
    throw e;
  });
  client.child.stdin!.write(`${JSON.stringify(messages)}\n`);
  let line: string;
  try {
    line = await withTimeout(client.next(), HOST_HANG_MS, "no reply from gateway-chat.mjs");
  } catch (e) {
    chatClients.delete(o.gateway);
    client.child.kill("SIGKILL");
    throw e;
  }
  const r = JSON.parse(line) as ChatReply[] | { error: string };
  if (!Array.isArray(r)) throw new Error(`gateway-chat.mjs: ${r.error}`);
  return r;
}

/** Stops the gateway's chat client, if it has one (by its PID: stdin closed, then SIGKILL if it is still there). */
async function stopChatClient(gw: Gateway): Promise<void> {
  const c = await chatClients.get(gw)?.catch(() => undefined);
  chatClients.delete(gw);
  if (!c || c.child.exitCode !== null || c.child.signalCode !== null) return;
  const gone = new Promise((r) => c.child.once("close", r));
  c.child.stdin!.end();
  await Promise.race([gone, new Promise((r) => setTimeout(r, 1000))]);
  if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
}
