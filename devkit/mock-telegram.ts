// A stand-in for the Telegram Bot API on 127.0.0.1, so a host's real Telegram channel (OpenClaw's, pointed
// here with `channels.telegram.apiRoot`) runs offline. It answers `<root>/bot<token>/<method>` the way the Bot
// API does (`{ ok: true, result }`), long-polls `getUpdates`, keeps every message the bot sent or edited with
// its inline keyboard, and lets a test play the person: a text, a quoted reply, a button press.
// What OpenClaw 2026.9.6 calls, in order, was measured (docs/phone.md): getMe, deleteWebhook, deleteMyCommands,
// setMyCommands, then getUpdates in a loop; replies with sendChatAction and sendMessage; button presses are
// answered with answerCallbackQuery and edited with editMessageText / editMessageReplyMarkup.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface BotCall {
  method: string;
  body: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
}

export interface BotMessage {
  message_id: number;
  chat_id: string;
  text: string;
  /** The inline keyboard as last set ([] once cleared). */
  keyboard: Array<Array<{ text: string; callback_data?: string }>>;
  edits: number;
}

export interface MockTelegram {
  /** The `apiRoot` to configure. */
  url: string;
  token: string;
  calls: BotCall[];
  /** Every message the bot sent, by id, as it stands now. */
  messages: Map<number, BotMessage>;
  /** The person `from` writes `text` in their chat with the bot; `replyTo` quotes one of the bot's messages. */
  sendText(from: number, text: string, replyTo?: number): number;
  /** The person `from` presses a button whose callback data is `data` on message `messageId`. */
  press(from: number, messageId: number, data: string): string;
  /** Resolves with the first call (from index `since`) that `pred` accepts; rejects after `timeoutMs`. */
  waitFor(pred: (c: BotCall) => boolean, timeoutMs: number, since?: number): Promise<BotCall>;
  close(): Promise<void>;
}

const BOT = { id: 7000001, is_bot: true, first_name: "Wingman Test", username: "wingman_test_bot" };

export async function startMockTelegram(o: { token?: string } = {}): Promise<MockTelegram> {
  const token = o.token ?? "123456:ABCdefMockToken";
  const calls: BotCall[] = [];
  const messages = new Map<number, BotMessage>();
  const updates: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let nextUpdate = 1;
  let nextMessage = 500;
  let nextCallback = 1;
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const person = (id: number) => ({ id, is_bot: false, first_name: `person${id}` });
  const chat = (id: number | string) => ({ id: Number(id), type: "private", first_name: `person${id}` });
  const asMessage = (m: BotMessage) => ({
    message_id: m.message_id,
    date: Math.floor(Date.now() / 1000),
    chat: chat(m.chat_id),
    from: BOT,
    text: m.text,
    ...(m.keyboard.length ? { reply_markup: { inline_keyboard: m.keyboard } } : {}),
  });
  const push = (u: Record<string, unknown>) => {
    updates.push({ update_id: nextUpdate++, ...u });
    wake();
  };

  const answer = (method: string, body: Record<string, unknown>): unknown => {
    switch (method) {
      case "getMe":
        return BOT;
      case "sendMessage": {
        const m: BotMessage = {
          message_id: nextMessage++,
          chat_id: String(body.chat_id),
          text: String(body.text ?? ""),
          keyboard: keyboardOf(body.reply_markup),
          edits: 0,
        };
        messages.set(m.message_id, m);
        return asMessage(m);
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const m = messages.get(Number(body.message_id));
        if (!m) return null;
        if (method === "editMessageText") m.text = String(body.text ?? "");
        m.keyboard = keyboardOf(body.reply_markup);
        m.edits++;
        return asMessage(m);
      }
      case "getUpdates":
        return null; // long-polled below
      default:
        // deleteWebhook, setMyCommands, deleteMyCommands, sendChatAction, answerCallbackQuery, …
        return true;
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
      const reply = (status: number, v: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(v));
      if (!m || m[1] !== token) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
      const method = m[2]!;
      const body = parseBody(Buffer.concat(chunks).toString("utf8"), String(req.headers["content-type"] ?? ""));
      calls.push({ method, body, at });
      wake();
      if (method !== "getUpdates") return reply(200, { ok: true, result: answer(method, body) });
      const offset = Number(body.offset ?? 0);
      const pending = () => updates.filter((u) => Number(u.update_id) >= offset);
      if (pending().length) return reply(200, { ok: true, result: pending() });
      const timeoutMs = Math.min(Number(body.timeout ?? 0), 25) * 1000;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        waiters.delete(check);
        clearTimeout(timer);
        if (!res.writableEnded) reply(200, { ok: true, result: pending() });
      };
      const check = () => {
        if (pending().length) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      waiters.add(check);
      res.on("close", finish);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    messages,
    sendText(from, text, replyTo) {
      const id = nextMessage++;
      const quoted = replyTo !== undefined ? messages.get(replyTo) : undefined;
      push({
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: chat(from),
          from: person(from),
          text,
          ...(quoted ? { reply_to_message: asMessage(quoted) } : {}),
        },
      });
      return id;
    },
    press(from, messageId, data) {
      const m = messages.get(messageId);
      const id = `cb${nextCallback++}`;
      push({
        callback_query: {
          id,
          from: person(from),
          chat_instance: "mock",
          data,
          message: m ? asMessage(m) : { message_id: messageId, date: 0, chat: chat(from), text: "" },
        },
      });
      return id;
    },
    waitFor(pred, timeoutMs, since = 0) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const hit = calls.slice(since).find(pred);
          if (!hit) return false;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`mock Telegram: no matching call within ${timeoutMs} ms (${calls.length} calls)`));
        }, timeoutMs);
        if (!look()) waiters.add(look);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of [...waiters]) w();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(text: string, type: string): Record<string, unknown> {
  if (!text) return {};
  if (type.includes("json")) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    try {
      out[k] = JSON.parse(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

function keyboardOf(markup: unknown): BotMessage["keyboard"] {
  const m = (typeof markup === "string" ? safeJson(markup) : markup) as { inline_keyboard?: unknown } | undefined;
  return Array.isArray(m?.inline_keyboard) ? (m.inline_keyboard as BotMessage["keyboard"]) : [];
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
