// A pane capture cleaned for a phone: Codex's composer and footer dropped, blank runs collapsed,
// trailing spaces trimmed, the last N meaningful lines kept.
import { DIALOG_FOOTER } from "./prompt.js";

const FOOTER = /(\? for shortcuts|esc to interrupt|f2 to view|^\s*Worked for )/;

export function cleanOutput(paneText: string, lines: number): string {
  const raw = paneText
    .replace(/\r/g, "")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""));
  // The composer is the last `› ` line; it and everything below it is chrome.
  let cut = raw.length;
  const dialog = raw.some((l) => DIALOG_FOOTER.test(l));
  for (let i = raw.length - 1; i >= 0; i--) {
    if (!dialog && raw[i]!.startsWith("› ")) {
      cut = i;
      break;
    }
  }
  const kept: string[] = [];
  for (const l of raw.slice(0, cut)) {
    if (FOOTER.test(l) && !l.startsWith("•")) continue;
    if (l === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(l);
  }
  while (kept.length && kept[kept.length - 1] === "") kept.pop();
  return kept.slice(-lines).join("\n");
}
