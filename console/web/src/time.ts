// <input type="datetime-local"> holds local wall-clock time; the API wants ISO-8601 UTC.

export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function isoToLocalInput(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An end time typed to the minute covers that whole minute: the API's `to` is exclusive. */
function endOfMinute(value: string): string | undefined {
  const d = new Date(value);
  return !value || Number.isNaN(d.getTime()) ? undefined : new Date(d.getTime() + 60_000).toISOString();
}

/** The period of a search form as the API wants it: `from` required, `to` (through its minute) defaulting to now. */
export function period(from: string, to: string): { from?: string; to: string; error?: 'from' | 'to' } {
  const f = localInputToIso(from);
  const t = endOfMinute(to) ?? new Date().toISOString();
  if (!f) return { to, error: 'from' };
  return f < t ? { from: f, to: t } : { from: f, to: t, error: 'to' };
}

/** Local input value `hours` before now. */
export function hoursAgo(hours: number): string {
  return isoToLocalInput(new Date(Date.now() - hours * 3600_000));
}
