// A pane capture cleaned for a phone: Gemini's status row, rule, input box and footer dropped, its
// shading rows dropped, blank runs collapsed, the last N meaningful lines kept.
const RULE = /^\s*─{20,}\s*$/;
const SHADE = /^[▄▀]+$/;
const CHROME = /^\s*(\? for shortcuts|Shift\+Tab to accept edits|workspace \(\/directory\))/;

export function cleanOutput(paneText: string, lines: number): string {
  const raw = paneText
    .replace(/\r/g, "")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""));
  // Everything from the status row above the last rule down is chrome (unless a dialog replaced it).
  let cut = raw.length;
  for (let i = raw.length - 1; i >= 0; i--) {
    if (RULE.test(raw[i]!)) {
      cut = i;
      while (cut > 0 && !raw[cut - 1]!.trim()) cut--;
      if (cut > 0 && /\? for shortcuts$|\(esc to cancel, /.test(raw[cut - 1]!)) cut--;
      break;
    }
  }
  const kept: string[] = [];
  for (const l of raw.slice(0, cut)) {
    if (SHADE.test(l) || CHROME.test(l)) continue;
    if (l === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(l);
  }
  while (kept.length && kept[kept.length - 1] === "") kept.pop();
  return kept.slice(-lines).join("\n");
}
