// Times for people: "2h 15m ago", "30s ago".
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
