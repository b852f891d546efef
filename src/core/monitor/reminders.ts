// Reminders for prompts nobody answered: after reminderSeconds, then doubling, at most 4; never in quiet
// hours; a prompt answered anywhere (chat, terminal, keyboard) or gone is forgotten, never reminded.
import type { SessionView } from "../../api/types.js";
import type { WingmanConfig } from "../../config.js";
import type { MonitorState } from "./memory.js";
import { inQuietHours } from "./quiet-hours.js";

const MAX_REMINDERS = 4;

/** The sessions whose pending prompt is due a reminder now; advances each one's schedule (mutates `reminders`). */
export function dueReminders(
  reminders: MonitorState["reminders"],
  views: SessionView[],
  at: Date,
  config: WingmanConfig,
): SessionView[] {
  const live = new Map(views.filter((v) => v.pending).map((v) => [v.pending!.id, v]));
  const due: SessionView[] = [];
  for (const [id, r] of Object.entries(reminders)) {
    const v = live.get(id);
    if (!v) {
      delete reminders[id];
      continue;
    }
    if (Date.parse(r.nextAt) > at.getTime() || r.count >= MAX_REMINDERS) continue;
    if (inQuietHours(config.notify.quietHours, at)) continue;
    r.count++;
    r.nextAt = new Date(at.getTime() + config.reminderSeconds * 1000 * 2 ** r.count).toISOString();
    due.push(v);
  }
  return due;
}
