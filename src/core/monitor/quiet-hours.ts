// Quiet hours: a local-time range with no reminders (config notify.quietHours).
/** "22:00-07:30" (local time); a range may cross midnight. */
export function inQuietHours(range: string | undefined, at: Date): boolean {
  if (!range) return false;
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range);
  if (!m) return false;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  const t = at.getHours() * 60 + at.getMinutes();
  return start <= end ? t >= start && t < end : t >= start || t < end;
}
