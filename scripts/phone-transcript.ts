// Renders what the mock Bot API received in a run of test/host/openclaw-telegram.suite.ts as a Telegram-like chat
// and takes a picture of it (docs/images/phone-telegram.png): the prompt with its buttons as it arrived, the same
// message after the owner's tap, and a prompt answered by a quoted reply.
//   WM_HOST_DUMP=/tmp/tg.txt npx vitest run test/host -t "over its own Telegram channel"
//   npm exec -- node scripts/phone-transcript.ts /tmp/tg.txt [OUT.png]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../devkit/chromium.ts";

type Call = { method: string; body: Record<string, unknown> };
const dump = readFileSync(process.argv[2] ?? "/tmp/tg.txt", "utf8");
const calls = JSON.parse(dump.slice(dump.indexOf("\n[\n"))) as Call[];
const out = process.argv[3] ?? join(import.meta.dirname, "..", "docs/images/phone-telegram.png");

const keys = (c: Call) =>
  ((c.body.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> })?.inline_keyboard ?? []).flat();
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// The bot's text is Telegram HTML (<i>, <b>); only those tags are kept, the rest is escaped.
const html = (s: string) =>
  esc(s)
    .replace(/&lt;(\/?)(i|b)&gt;/g, "<$1$2>")
    .replace(/\/tmp\/wm-openclaw-tg-\w+\//g, "~/")
    // The browser here has no emoji font: emoji are left out of the picture rather than drawn as boxes.
    .replace(/\p{Extended_Pictographic}\uFE0F?\s?/gu, "")
    .replace(/\n/g, "<br>");
const bot = (text: string, buttons: string[] = []) =>
  `<div class="bot">${html(text)}${buttons.length ? `<div class="kb">${buttons.map((b) => `<span>${esc(b)}</span>`).join("")}</div>` : ""}</div>`;
const me = (text: string, quote?: string) =>
  `<div class="me">${quote ? `<div class="q">${html(quote.split("\n")[0] ?? "")}</div>` : ""}${esc(text)}</div>`;
const note = (text: string) => `<div class="note">${esc(text)}</div>`;

const prompts = calls.filter((c) => c.method === "sendMessage" && keys(c).length);
const first = prompts[0];
const edit = calls.find((c) => c.method === "editMessageText");
const second = prompts[1];
const denied = calls.find((c) => c.method === "sendMessage" && String(c.body.text).includes(": denied"));
if (!first || !edit || !second || !denied)
  throw new Error("the dump lacks a prompt, its edit, or the quoted-reply exchange");
const parts = [
  note("a prompt arrives"),
  bot(
    String(first.body.text),
    keys(first).map((k) => k.text),
  ),
  note("after the tap on Approve (the same message, edited)"),
  bot(String(edit.body.text)),
  note("the next prompt, answered by replying to it"),
  bot(
    String(second.body.text),
    keys(second).map((k) => k.text),
  ),
  me("no use staging", String(second.body.text)),
  bot(String(denied.body.text)),
];
const page = `<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#dbe6ef;font:14px/1.35 system-ui,sans-serif;width:420px;padding:10px}
.bot,.me{background:#fff;border-radius:12px;padding:8px 10px;margin:6px 40px 6px 0;white-space:normal}
.me{background:#e1fec6;margin:6px 0 6px 60px}
.q{border-left:3px solid #4a9d3a;padding-left:6px;color:#4a9d3a;margin-bottom:4px;font-size:12px}
.kb{display:flex;gap:4px;margin-top:8px}.kb span{flex:1;text-align:center;background:#eef3f7;border-radius:8px;padding:6px;color:#2a6fb0;font-weight:600}
.note{text-align:center;color:#567;font-size:12px;margin:10px 0 2px}
</style>${parts.join("")}`;
const browser = await chromium.launch({ executablePath: await chromiumPath(), headless: true, args: CHROMIUM_ARGS });
try {
  const p = await browser.newPage({ viewport: { width: 440, height: 400 }, deviceScaleFactor: 1 });
  await p.setContent(page);
  await p.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
