// A pane capture cleaned for a phone: Claude Code's input box and footer chrome dropped, blank runs
// collapsed, trailing spaces trimmed, the last N meaningful lines kept.
const RULE = /^[\s─━╌-]{10,}$/;
const CHROME =
  /(\? for shortcuts|esc to interrupt|manual mode on|auto mode on|accept edits on|plan mode on|← for agents|\/effort)/;

export function cleanOutput(paneText: string, lines: number): string {
  const raw = paneText
    .replace(/\r/g, "")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""));
  // The input box: from the second-to-last rule down is chrome, not conversation.
  const rules = raw.map((l, i) => (RULE.test(l) && l.includes("─") ? i : -1)).filter((i) => i >= 0);
  const body = rules.length >= 2 ? raw.slice(0, rules[rules.length - 2]) : raw;
  const kept: string[] = [];
  for (const l of body) {
    if (RULE.test(l) || CHROME.test(l)) continue;
    if (l === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(l);
  }
  while (kept.length && kept[kept.length - 1] === "") kept.pop();
  return kept.slice(-lines).join("\n");
}
