// Text an agent wrote or a screen showed, made safe to show a person: printable characters and line feeds
// only. An agent's hook fields (its last message, a tool's input) and a screen (a remote host answers with
// whatever bytes it likes) can hold terminal controls: OSC 52 writes the owner's clipboard, OSC 0/2 sets the
// window title, CSI 2J clears the screen, and U+009B is a one-character CSI some terminals honour. Printed by
// the CLI, they would act on the owner's terminal; sent as a notification they are noise at best.
//
// One function for every door: the CLI applies it to what it prints (before its own colour is added, so the
// only SGR left is Wingman's), the notification formatter to every text it builds. The web page needs none
// (it sets text with textContent and reads only SGR from a screen: doors/web/ansi.ts).

/**
 * An escape sequence with its payload: CSI (ESC [ or U+009B) with parameters; OSC, DCS, SOS, PM, APC (ESC ],
 * P, X, ^, _ or U+009D, U+0090, U+0098, U+009E, U+009F) up to BEL or ST; any other ESC with its intermediate
 * and final byte. A string sequence with no terminator ends at a line feed, so a stray ESC ] never swallows
 * the rest of the text. Each alternative is a run of one character class: linear time.
 */
const SEQUENCE =
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;

/** C0 controls but the line feed, DEL, C1 controls; and the bidirectional overrides that reorder what is shown. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Printable characters and line feeds: CRLF and a lone CR become LF, a tab one space, the rest is removed. */
export function printable(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(SEQUENCE, "").replace(/\t/g, " ").replace(CONTROL, "");
}

/** Every string inside a value (a session view, a prompt, …) through `printable`; other values as they are. */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map((v) => printableDeep(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}

/** Characters JSON.stringify leaves raw that a terminal may act on (DEL, C1) or that reorder the line shown. */
const JSON_RAW = /[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for a terminal: the same data (an agent's text stays exactly what it was), with every character a
 * terminal could act on written as a `\uXXXX` escape (JSON.stringify already escapes C0, not DEL or C1).
 */
export function terminalJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_RAW,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
