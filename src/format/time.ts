// Times for people: "2h 15m ago", "30s ago", and clock times in the local zone with the zone written out
// ("2026-11-24 15:00 GMT+1"), as quiet hours are local. JSON keeps ISO 8601 UTC; only texts use these.
import { differenceInSeconds } from "date-fns";

export function ago(iso: string | undefined, now: Date): string {
  if (!iso) return "unknown";
  const s = Math.max(0, differenceInSeconds(now, new Date(iso)));
  return `${duration(s)} ago`;
}

export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A clock time in the local zone (or `timeZone`), with the zone: `2026-11-24 15:00 GMT+1`, `… UTC`.
 * `short` drops the date (`15:00 GMT+1`). An unreadable time is returned as it was.
 */
export function localTime(iso: string, opts: { timeZone?: string; short?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    formatter(opts.timeZone)
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const clock = `${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
  return opts.short ? clock : `${parts.year}-${parts.month}-${parts.day} ${clock}`;
}
