// Longer than 300 lines: one classifier for one agent's screens, kept whole so that every marker and its precedence
// over the others read in one place, in priority order.
// The screen classifier: a pure function from one `tmux capture-pane -p -J` of Claude Code 2.1.331 to a
// state, a one-line detail and, for dialogs, the parsed prompt. It reads REGIONS, never the whole text:
// the footer below the input box, the input box between the last two `────` rules, the latest block of
// the conversation just above it, or, when a dialog has replaced the input box, the dialog below its rule.
// So prose in the history that merely quotes a marker ("Do you want to proceed?", "esc to interrupt",
// "● API Error:") cannot change the verdict. Markers are in docs/claude-code.md and the recordings
// in test/fixtures/screens/claude-code-2.1.331/.
import type {
  ErrorReason,
  OptionRole,
  ParsedPrompt,
  PromptKind,
  PromptOption,
  ScreenReading,
} from "../../api/types.js";

/** A horizontal rule: the input box's borders and a dialog's top edge (may be indented in nested dialogs). */
const RULE = /^\s*─{12,}\s*$/;
const PLAN_EDGE = /^\s*▔{12,}\s*$/;
const DASHED = /^\s*╌{12,}\s*$/;
/** The input box's footer (lowercase "esc to interrupt"; dialogs say "Esc to cancel"). */
const INPUT_FOOTER = /\? for shortcuts|esc to interrupt|mode on\b|Press Ctrl-C again to exit|shift\+tab to cycle/;
const DIALOG_FOOTER = /^\s*(Esc to cancel|Enter to (confirm|select|stay)|Press Enter to continue)/;
const PLACEHOLDERS = ["Resend your message to try again", "Once fixed, resend your message"];
const CURSOR = "❯";
/** Something only a dialog shows: without one, a `❯` below a rule is not a dialog. */
const DIALOG_MARKER =
  /Esc to cancel|Enter to (confirm|select|stay)|Press Enter to continue|Do you want|Exit plan mode\?|Accessing workspace|Make auto mode your default|Review your answers|Choose the text style|❯ \d+\. /;

export interface ClassifyOptions {
  /** tmux says the pane's process has ended. */
  paneDead?: boolean;
}

// trimEnd, not /\s+$/: that regex restarts at every blank of a long blank run (quadratic).
const clean = (l: string) => l.replace(/\u00a0/g, " ").trimEnd();

export function classifyScreen(text: string, opts: ClassifyOptions = {}): ScreenReading {
  const lines = text.replace(/\r/g, "").split("\n").map(clean);
  const exited = exitedReading(lines, !!opts.paneDead);
  if (exited) return exited;

  const rules = lines.map((l, i) => (RULE.test(l) ? i : -1)).filter((i) => i >= 0);
  const last = rules.at(-1);
  const footer = last === undefined ? [] : lines.slice(last + 1).filter((l) => l.trim());
  const footerText = footer.join(" · ");
  const boxTop = rules.at(-2);
  const hasInputBox =
    last !== undefined &&
    boxTop !== undefined &&
    INPUT_FOOTER.test(footerText) &&
    lines[boxTop + 1]?.trimStart().startsWith(CURSOR) === true;

  if (!hasInputBox) {
    const prompt = parseDialog(lines);
    if (prompt) {
      const state =
        prompt.kind === "trust" ? "trust_prompt" : prompt.kind === "tool" ? "waiting_approval" : "waiting_input";
      return { state, detail: prompt.question || prompt.header || "", prompt };
    }
    return { state: lines.some((l) => l.trim()) ? "unknown" : "starting", detail: "", prompt: null };
  }

  // The input box and what is above it.
  const boxLines = lines.slice(boxTop! + 1, last);
  const first = boxLines[0]!.replace(/^\s*❯\s?/, "");
  const typed = [first, ...boxLines.slice(1).map((l) => l.replace(/^ {2}/, ""))].join("\n").trim();
  const placeholder = PLACEHOLDERS.includes(typed);
  const inputText = placeholder ? "" : typed;
  const block = latestBlock(lines, boxTop!);
  const blockText = block.join("\n");

  if (/esc to interrupt/.test(footerText)) {
    if (/Waiting for permission…/.test(blockText)) {
      return {
        state: "waiting_approval",
        detail: "Waiting for permission…",
        prompt: null,
        permissionPending: true,
        inputText,
      };
    }
    return { state: "working", detail: spinnerDetail(block), prompt: null, inputText };
  }
  const err = errorLine(block);
  if (placeholder || err) {
    // The turn ended on an API error and no prompt was sent since (text may already be typed).
    return {
      state: "error",
      detail: err?.line ?? "API error",
      prompt: null,
      stateReason: err?.reason ?? "other",
      inputText,
    };
  }
  if (/Press Ctrl-C again to exit/.test(footerText)) {
    return { state: "idle", detail: "Press Ctrl-C again to exit", prompt: null, inputText };
  }
  const mode = /(manual|auto|plan) mode on|accept edits on/.exec(footerText)?.[0];
  return { state: "idle", detail: mode ?? "", prompt: null, inputText };
}

function exitedReading(lines: string[], paneDead: boolean): ScreenReading | null {
  const text = lines.join("\n");
  // Claude prints its own launch flags (Wingman's --settings file among them); a person resumes with the id.
  const resumeId = /^claude\b.*--resume ([0-9a-f-]{36})\s*$/m.exec(text)?.[1];
  const resume = resumeId ? `claude --resume ${resumeId}` : undefined;
  if (/Claude Code didn.t start because this folder isn.t trusted/.test(text)) {
    return { state: "exited", detail: "folder not trusted", prompt: null, stateReason: "trust declined" };
  }
  const visible = lines.filter((l) => l.trim());
  const noUi = !lines.some((l) => RULE.test(l));
  // tmux's own line once the process is gone (remain-on-exit): "Pane is dead (status 3, …)".
  const dead = /^Pane is dead \((status|signal) (\d+)/m.exec(text);
  if ((resume && noUi) || paneDead || dead) {
    return {
      state: "exited",
      detail: resume ? "Resume this session with the command shown" : (visible.at(-1) ?? ""),
      prompt: null,
      stateReason: dead ? `exit ${dead[1]} ${dead[2]}` : paneDead ? "process ended" : "exited",
      ...(resume ? { resumeCommand: resume } : {}),
    };
  }
  return null;
}

/** The conversation since the last prompt the person typed (`❯ …` in history), down to the input box. */
function latestBlock(lines: string[], boxTop: number): string[] {
  let start = 0;
  for (let i = boxTop - 1; i >= 0; i--) {
    if (lines[i]!.startsWith(CURSOR)) {
      start = i + 1;
      break;
    }
  }
  return lines.slice(start, boxTop);
}

function spinnerDetail(block: string[]): string {
  for (let i = block.length - 1; i >= 0; i--) {
    const l = block[i]!.trim();
    if (/retrying in \d+s/.test(l)) return l.replace(/^[·✢✳✶✻✽*]\s*/, "");
    if (/^[·✢✳✶✻✽*]\s+\S.*…/.test(l)) return l.replace(/^[·✢✳✶✻✽*]\s*/, "");
  }
  return "working";
}

function errorLine(block: string[]): { line: string; reason: ErrorReason } | null {
  for (let i = block.length - 1; i >= 0; i--) {
    // Claude Code draws its own error at the start of a line (`● API Error: …`) or as a tool-result
    // line (`  ⎿  Invalid API key …`); an indented `● API Error` is prose quoting one.
    const raw = block[i]!;
    if (!/^● (API Error|Please run \/login)|^ {2}⎿ {2}Invalid API key/.test(raw)) continue;
    const l = raw.trim();
    return { line: l.replace(/^[●⎿]\s*/, ""), reason: errorReason(l) };
  }
  return null;
}

export function errorReason(line: string): ErrorReason {
  if (/\b40[13]\b|Invalid API key|\/login|authentication|x-api-key/i.test(line)) return "auth";
  if (/\b429\b|rate limit/i.test(line)) return "rate_limit";
  if (/ECONNREFUSED|Connection (refused|error)|connect|network|socket|ETIMEDOUT|ENOTFOUND|fetch failed/i.test(line))
    return "connection";
  if (/\b5\d\d\b|Overloaded|server-side|capacity/i.test(line)) return "server";
  return "other";
}

// ------------------------------------------------------------------------------------------- dialogs

interface RawOption {
  number: number | null;
  label: string;
  highlighted: boolean;
  extra: string[];
  col: number;
  key?: string;
}

const NUMBERED = /^(\s*)(❯\s+)?(\d+)\.\s+(.*)$/;

/** A dialog: from the rule (or plan-mode edge) above the `❯` cursor to the end of the screen. */
function dialogRegion(lines: string[]): string[] | null {
  let cursor = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.trimStart().startsWith(CURSOR)) {
      cursor = i;
      break;
    }
  }
  let end = lines.length;
  while (end > 0 && !lines[end - 1]!.trim()) end--;
  // Dialogs with no `❯` row: the auto-mode "can't check" notice and the first-run security notes.
  const keyLine = lines.findIndex((l) => /^\s*(Press Enter to continue|Enter to stay in auto mode)/.test(l));
  const pressEnter = keyLine >= 0 && (cursor < 0 || keyLine > cursor) ? keyLine : -1;
  const anchor = pressEnter >= 0 ? pressEnter : cursor;
  if (anchor < 0) return null;
  let start = -1;
  for (let i = anchor; i >= 0; i--) {
    // A dialog's top edge; a nested one (plan mode) draws an indented rule under a ▔ edge.
    if (RULE.test(lines[i]!) || PLAN_EDGE.test(lines[i]!)) {
      start = i + 1;
      break;
    }
  }
  if (start < 0) {
    // The first-run theme picker draws no rule: it starts at its greeting.
    const hello = lines.findIndex((l) => /Let's get started\.|Security notes:/.test(l));
    if (anchor !== pressEnter && hello < 0) return null; // a `❯` with no dialog edge above it is history
    start = hello >= 0 && hello < anchor ? hello : Math.max(0, anchor - 12);
  }
  const region = lines.slice(start, end);
  return DIALOG_MARKER.test(region.join("\n")) ? region : null;
}

export function parseDialog(lines: string[]): ParsedPrompt | null {
  const region = dialogRegion(lines);
  if (!region) return null;
  const body = region.filter((l) => !RULE.test(l));
  const nonEmpty = body.filter((l) => l.trim());
  if (!nonEmpty.length) return null;
  const text = nonEmpty.join("\n");
  const header = nonEmpty[0]!.trim();

  const kind = dialogKind(text, header);
  const noCursor = !body.some((l) => l.trimStart().startsWith(CURSOR));
  // Without a `❯` row the dialog answers to keys alone: Enter continues (security notes); the auto-mode
  // notice needs Enter / shift+Tab / Esc, which Wingman leaves to the person at the terminal.
  const options = noCursor ? [] : collectOptions(body, kind);
  if (noCursor && /Enter to stay in auto mode/.test(text)) {
    // Its footer names the keys: the three choices are exactly those (docs/claude-code.md, "Dialogs, options and roles").
    options.push(
      {
        number: null,
        label: "Stay in auto mode and approve each action yourself",
        highlighted: false,
        extra: [],
        col: 0,
        key: "Enter",
      },
      {
        number: null,
        label: "Leave for accept edits mode and stop this turn",
        highlighted: false,
        extra: [],
        col: 0,
        key: "BTab",
      },
      { number: null, label: "Cancel", highlighted: false, extra: [], col: 0, key: "Escape" },
    );
  }
  if (noCursor && /Press Enter to continue/.test(text)) {
    options.push({ number: null, label: "Continue", highlighted: true, extra: [], col: 0 });
  }
  if (!options.length) return null;

  const firstOpt = body.findIndex(
    (l) => l.trimStart().startsWith(CURSOR) || NUMBERED.test(l) || l.trim() === options[0]?.label,
  );
  const before = body
    .slice(0, firstOpt < 0 ? body.length : firstOpt)
    .map((l) => l.trim())
    .filter(Boolean);
  const question = questionOf(kind, before, text);
  const { tool, detail, body: change } = whatOf(kind, header, body);
  const parsed: PromptOption[] = options.map((o) => toOption(o, kind));
  for (const [i, o] of options.entries()) if (o.key) parsed[i]!.key = o.key;
  const prompt: ParsedPrompt = { kind, question, tool, detail, options: parsed, header };
  if (change) prompt.body = change;
  if (parsed.some((o) => o.checked !== undefined)) prompt.multiSelect = true;
  return prompt;
}

function dialogKind(text: string, header: string): PromptKind {
  if (/Accessing workspace:|Yes, I trust this folder/.test(text)) return "trust";
  if (/^[☐☒✔←]/.test(header) || /Enter to select · ↑\/↓ to navigate/.test(text) || /^Review your answers$/m.test(text))
    return "question";
  if (/^(Bash command|Create file|Edit file|Fetch|Read file|Write file)\b/.test(header)) return "tool";
  if (/Do you want to (proceed|create|make this edit|allow)/.test(text) && !/Exit plan mode\?/.test(text))
    return "tool";
  return "dialog";
}

function collectOptions(body: string[], kind: PromptKind): RawOption[] {
  const out: RawOption[] = [];
  const numbered = body.some((l) => NUMBERED.test(l));
  if (numbered) {
    for (const l of body) {
      const m = NUMBERED.exec(l);
      if (m) {
        out.push({
          number: Number(m[3]),
          label: m[4]!.trim(),
          highlighted: !!m[2],
          extra: [],
          col: m[1]!.length + (m[2]?.length ?? 0) + m[3]!.length + 2,
        });
        continue;
      }
      const prev = out.at(-1);
      if (!prev || !l.trim() || DIALOG_FOOTER.test(l) || DASHED.test(l) || l.trim() === "Submit") continue;
      // Deeper-indented lines under an option: a description (questions) or the label wrapped (others).
      if (l.length - l.trimStart().length >= prev.col - 1) prev.extra.push(l.trim());
    }
    return out;
  }
  // Unnumbered (trust, auto-mode Yes/No, first-run dialogs): the cursor's row and its aligned neighbours.
  const ci = body.findIndex((l) => l.trimStart().startsWith(CURSOR));
  if (ci < 0) return out;
  const col = body[ci]!.indexOf(CURSOR);
  const textCol = col + 2;
  // A ticked row ("❯ ✔ Auto") aligns its siblings with the text after the tick.
  const ticked = /^\s*❯\s*✔\s/.test(body[ci]!);
  const isRow = (l: string) => {
    if (!l.trim() || DIALOG_FOOTER.test(l) || DASHED.test(l)) return false;
    if (l.trimStart().startsWith(CURSOR)) return true;
    const indent = l.length - l.trimStart().length;
    return indent === textCol || (ticked && indent === textCol + 2);
  };
  let a = ci;
  while (a > 0 && isRow(body[a - 1]!) && !isHeaderish(body[a - 1]!)) a--;
  let b = ci;
  while (b < body.length - 1 && isRow(body[b + 1]!)) b++;
  for (let i = a; i <= b; i++) {
    const l = body[i]!;
    const hl = l.trimStart().startsWith(CURSOR);
    out.push({ number: null, label: l.replace(/^\s*❯\s*/, "").trim(), highlighted: hl, extra: [], col: textCol });
  }
  void kind;
  return out;
}

/** Lines above an unnumbered option list that are prose, not options (questions, notes). */
function isHeaderish(l: string): boolean {
  const t = l.trim();
  return /[?:.]$/.test(t) || t.length > 60 || /^(Security guide|Syntax theme)/.test(t);
}

function questionOf(kind: PromptKind, before: string[], text: string): string {
  if (kind === "trust") return "Is this a project you created or one you trust?";
  if (/^Review your answers$/m.test(text)) return "Review your answers";
  for (let i = before.length - 1; i >= 0; i--) {
    const l = before[i]!;
    if (/\?$/.test(l)) return l;
  }
  if (/Auto mode can't check actions in this session/.test(text))
    return "Auto mode can't check actions in this session";
  if (/Choose the text style/.test(text)) return "Choose the text style that looks best with your terminal";
  if (/Security notes:/.test(text)) return "Security notes";
  return before.at(-1) ?? "";
}

function whatOf(
  kind: PromptKind,
  header: string,
  body: string[],
): { tool: string | null; detail: string | null; body?: string } {
  const dashed = body.map((l, i) => (DASHED.test(l) ? i : -1)).filter((i) => i >= 0);
  const between =
    dashed.length >= 2
      ? body
          .slice(dashed[0]! + 1, dashed[1])
          .map((l) => l.replace(/^ /, ""))
          .filter((l) => l.trim())
      : [];
  const afterHeader = body.map((l) => l.trim()).filter(Boolean)[1] ?? null;
  if (kind === "trust") {
    const i = body.findIndex((l) => /Accessing workspace:/.test(l));
    const path = i >= 0 ? body.slice(i + 1).find((l) => l.trim()) : undefined;
    return { tool: null, detail: path?.trim() ?? null };
  }
  if (kind === "question") return { tool: "AskUserQuestion", detail: null };
  if (/^Bash command/.test(header)) return { tool: "Bash", detail: between.join("\n").trim() || null };
  if (/^Create file/.test(header)) return { tool: "Write", detail: afterHeader, body: between.join("\n") || undefined };
  if (/^Edit file/.test(header)) return { tool: "Edit", detail: afterHeader, body: between.join("\n") || undefined };
  if (/^Fetch\b/.test(header)) {
    const url = body.map((l) => l.trim()).find((l) => l.startsWith("url: "));
    return { tool: "WebFetch", detail: url ? url.slice(5) : afterHeader };
  }
  const joined = body.join("\n");
  if (/Exit plan mode\?/.test(joined)) return { tool: "ExitPlanMode", detail: "Claude wants to exit plan mode" };
  if (kind === "tool") return { tool: header, detail: between.join("\n").trim() || afterHeader };
  return { tool: null, detail: header };
}

function toOption(o: RawOption, kind: PromptKind): PromptOption {
  const checkbox = /^\[( |✔|x|X)\]\s*(.*)$/.exec(o.label);
  let label = checkbox ? checkbox[2]!.trim() : o.label;
  let description: string | undefined;
  if (o.extra.length) {
    if (kind === "question") description = o.extra.join(" ");
    else label = `${label} ${o.extra.join(" ")}`;
  }
  label = label.replace(/^✔\s*/, "");
  const { role, scope } = roleOf(label, kind);
  const opt: PromptOption = { number: o.number, label, role, highlighted: o.highlighted };
  if (scope) opt.scope = scope;
  if (description) opt.description = description;
  if (checkbox) opt.checked = checkbox[1] !== " ";
  if (kind === "question" && /^Type something\.?$/.test(label)) opt.freeText = true;
  return opt;
}

export function roleOf(label: string, kind: PromptKind): { role: OptionRole; scope?: string } {
  if (kind === "question") return { role: "other" };
  let m = /^Yes, and don.t ask again for:?\s*(.+)$/.exec(label);
  if (m) return { role: "always", scope: m[1]!.trim() };
  m = /^Yes, and always allow (access to .+?)(?: for this session| from this project)?$/.exec(label);
  if (m) return { role: "always", scope: label.replace(/^Yes, and always allow /, "") };
  m = /^Yes, allow (.+)$/.exec(label);
  if (m) return { role: "always", scope: m[1]!.trim() };
  if (/^Yes, and switch to accept edits/.test(label))
    return {
      role: "always",
      scope: "accept edits for this session (file edits and common file commands run without asking)",
    };
  if (/^Yes, and switch to auto mode|^Yes, set auto mode/.test(label)) return { role: "auto_mode" };
  if (/^Yes, and switch to default/.test(label)) return { role: "once" };
  if (/^Stay in auto mode/.test(label)) return { role: "once" };
  if (label === "Cancel") return { role: "no" };
  if (/^Yes, I trust this folder/.test(label)) return { role: "other" };
  if (/^Yes\b/.test(label) && !/^Yes, and\b/.test(label)) return { role: "once" };
  if (/^No\b/.test(label)) return { role: "no" };
  if (label === "Continue") return { role: "once" };
  return { role: "other" };
}
