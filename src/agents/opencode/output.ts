// A pane capture cleaned for a phone: OpenCode's sidebar, input box, status row and dialog chrome dropped,
// blank runs collapsed, trailing spaces trimmed, the last N meaningful lines kept. OpenCode draws a
// full-screen TUI, so a capture holds only what is on screen (no scrollback).
import { plainText } from "./styled.js";

const BOX_BOTTOM = /^\s*╹▀+/;
const DIALOG_ROW = /⇆ select\s+enter confirm\s*$/;

export function cleanOutput(capture: string, lines: number): string {
  const raw = plainText(capture).split("\n");
  let bottom = -1;
  for (let i = raw.length - 1; i >= 0; i--)
    if (BOX_BOTTOM.test(raw[i]!) || DIALOG_ROW.test(raw[i]!)) {
      bottom = i;
      break;
    }
  // The main column ends where the box's bottom edge (or a dialog's key hints) ends; the sidebar is beyond.
  const right = bottom >= 0 ? raw[bottom]!.trimEnd().length : Number.POSITIVE_INFINITY;
  let end = bottom >= 0 ? bottom : raw.length;
  if (bottom >= 0 && BOX_BOTTOM.test(raw[bottom]!)) {
    // The input box: the bar lines right above its bottom edge.
    const bar = raw[bottom]!.indexOf("╹");
    end = bottom;
    while (end > 0 && raw[end - 1]![bar] === "┃") end--;
  }
  const kept: string[] = [];
  for (const l of raw.slice(0, end)) {
    const t = l.slice(0, right).trimEnd();
    if (t === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(t);
  }
  while (kept.length && kept[kept.length - 1] === "") kept.pop();
  // Common indentation off (OpenCode's main column starts two columns in).
  const indent = Math.min(...kept.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return kept
    .slice(-lines)
    .map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
    .join("\n");
}
