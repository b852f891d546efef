// OpenCode's permission dialogs read from the screen. A dialog takes the input box's place: a `┃` block
// whose first line is `△ <title>` and whose last is a row of buttons followed by key hints
// (`⇆ select  enter confirm`). Two are known: "Permission required" (Allow once / Allow always / Reject) and
// the "Always allow" confirmation that Allow always opens (Confirm / Cancel), which lists the patterns it will
// allow. OpenCode numbers nothing and marks the selected button by its background alone (styled.ts).
// Markers: docs/opencode.md, "Screens"; recordings in test/fixtures/opencode/.
import type { OptionRole, ParsedPrompt, PromptOption } from "../../api/types.js";
import type { StyledLine } from "./styled.js";

/** The key hints at the end of a dialog's button row (on a narrow screen cut at the edge: `enter con`). */
const HINTS = /⇆ select\b/;
const HINT_WORD = /^(ctrl\+\S+ \S+|⇆ select|enter\b.*)$/;
const TITLE = /^△ (.+)$/;

/** The permission kinds OpenCode names in a dialog's second line (`# Shell command`), as Wingman's tool names. */
function toolOf(header: string): string | null {
  if (/^Shell command\b/i.test(header)) return "Bash";
  if (/^(Edit|Write|Patch|Apply patch)\b/i.test(header)) return "Edit";
  if (/fetch/i.test(header)) return "WebFetch";
  if (/external directory/i.test(header)) return "ExternalDirectory";
  return null;
}

/** The dialog at the bottom of the screen, or null. */
export function parseDialog(styled: StyledLine[]): ParsedPrompt | null {
  let f = styled.length - 1;
  while (f >= 0 && !HINTS.test(styled[f]!.text)) {
    // Only the last few lines can hold the button row (under it: at most the status row and blank lines).
    if (styled.length - f > 4) return null;
    f--;
  }
  if (f < 0) return null;
  const row = styled[f]!;
  const bar = row.text.indexOf("┃");
  if (bar < 0) return null;
  // The main column ends with the key hints: a wide screen's sidebar is drawn beyond them, on the same
  // lines, and its content (title, tokens, files, the folder) moves down as it grows, so a body line is
  // cut there or the sidebar's text would change the command read. A narrow screen (no sidebar) cuts the
  // hints themselves at its edge.
  const hintsEnd = /enter confirm/.exec(row.text);
  const right = hintsEnd ? hintsEnd.index + hintsEnd[0].length : row.text.trimEnd().length;
  const content = (l: StyledLine) => (l.text[bar] === "┃" ? l.text.slice(bar + 1, right).trim() : null);
  // Up the bar block to the title line.
  let t = f - 1;
  for (; t >= 0; t--) {
    const c = content(styled[t]!);
    if (c === null) return null;
    if (TITLE.test(c)) break;
  }
  if (t < 0) return null;
  const title = TITLE.exec(content(styled[t]!)!)![1]!.trim();
  const body: string[] = [];
  for (let i = t + 1; i < f; i++) body.push(content(styled[i]!) ?? "");
  const options = buttons(row, bar, right);
  if (!options.length) return null;

  if (/^Always allow$/i.test(title)) {
    const patterns = body.filter((l) => l.startsWith("- ")).map((l) => l.slice(2).trim());
    const scope = patterns.length
      ? `${patterns.join(", ")} (until OpenCode is restarted)`
      : "until OpenCode is restarted";
    return {
      kind: "tool",
      question: title,
      tool: null,
      detail: patterns.join("\n") || null,
      header: title,
      options: options.map((o) =>
        withRole(o, /^Confirm$/i.test(o.label) ? { role: "always", scope } : { role: "other" }),
      ),
    };
  }

  // The second line names the kind: `# Shell command`, `← Access external directory /etc`.
  const header = (body.find((l) => l.trim()) ?? "").replace(/^(#|←)\s*/, "");
  const tool = toolOf(header);
  // What it would do: the `$ ` command, else the listed patterns (`- /etc/*`), else the kind's line.
  const patterns = body.filter((l) => l.startsWith("- ")).map((l) => l.slice(2).trim());
  const command = commandOf(body);
  // The dialog can be drawn a frame before its request is filled in (a bare `$`, seen on the real binary):
  // then it is not yet a request Wingman can name; the next frame completes it.
  if (tool === "Bash" && !command)
    return { kind: "tool", question: title, tool, detail: null, header, options: [], optionsPending: true };
  const detail = command ?? (patterns.length ? patterns.join("\n") : header);
  const rest = body
    .slice(1)
    .filter((l) => l.trim())
    .join("\n");
  return {
    kind: "tool",
    question: title,
    tool,
    detail,
    header,
    ...(rest && rest !== detail && !rest.startsWith("$ ") ? { body: rest } : {}),
    options: options.map((o) => withRole(o, roleOf(o.label))),
  };
}

/** The command of a shell dialog: the `$ ` paragraph, its wrapped lines joined (a break lost a space). */
function commandOf(body: string[]): string | null {
  const at = body.findIndex((l) => l.startsWith("$ "));
  if (at < 0 || !body[at]!.slice(2).trim()) return null;
  const parts = [body[at]!.slice(2)];
  for (let i = at + 1; i < body.length && body[i]!.trim(); i++) parts.push(body[i]!);
  return parts.join(" ").trim();
}

export function roleOf(label: string): { role: OptionRole; scope?: string } {
  if (/^Allow once$/i.test(label)) return { role: "once" };
  if (/^Allow always$/i.test(label))
    return { role: "always", scope: "this kind of request, until OpenCode is restarted" };
  if (/^Reject$/i.test(label)) return { role: "no" };
  return { role: "other" };
}

function withRole(o: PromptOption, r: { role: OptionRole; scope?: string }): PromptOption {
  return { ...o, role: r.role, ...(r.scope ? { scope: r.scope } : {}) };
}

/**
 * The buttons of a dialog's last row: labels set apart by two spaces or more, before the key hints. The
 * selected one is drawn on a background of its own: a button whose background differs from the dialog's
 * panel (right after the bar) is highlighted. Without colours none is.
 */
function buttons(row: StyledLine, bar: number, right: number): PromptOption[] {
  const panel = row.bg[bar + 1];
  const out: PromptOption[] = [];
  const re = /\S+(?: \S+)*/g;
  const text = row.text.slice(0, right);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index <= bar) continue;
    if (HINT_WORD.test(m[0])) break;
    const bg = row.bg[m.index];
    out.push({ number: null, label: m[0], role: "other", highlighted: bg !== undefined && bg !== panel });
  }
  return out;
}
