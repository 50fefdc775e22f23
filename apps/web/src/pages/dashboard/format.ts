/** Numbers and times as the dashboard shows them (plain functions, so they are tested without a browser). */

const MINUTE = 60_000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** 0.8734 → "87%"; null → "—". */
export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** 12.345 → "12.3"; 0.04 → "0.04"; integers stay integers. */
export function decimal(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  const text = value.toPrecision(2);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** 1500 → "1.5 s"; 95_000 → "1 min 35 s"; null → "—". */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < MINUTE) return `${decimal(Math.round(ms / 100) / 10)} s`;
  const minutes = Math.floor(ms / MINUTE);
  const seconds = Math.round((ms % MINUTE) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** How far `at` is from `now`: "in 2 h 15 min", "40 min ago", "in 3 d 4 h". */
export function relative(at: number, now: number): string {
  const minutes = Math.round(Math.abs(at - now) / MINUTE);
  if (minutes === 0) return at >= now ? 'within a minute' : 'just now';
  let text: string;
  if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 24 * 60) {
    const [h, m] = [Math.floor(minutes / 60), minutes % 60];
    text = m === 0 ? `${h} h` : `${h} h ${m} min`;
  } else {
    const hours = Math.round(minutes / 60);
    const [d, h] = [Math.floor(hours / 24), hours % 24];
    text = h === 0 ? `${d} d` : `${d} d ${h} h`;
  }
  return at >= now ? `in ${text}` : `${text} ago`;
}

/** A bucket's label in local time: "14:00" inside a day, "11-26 14:00" across days, "11-26" for daily buckets. */
export function bucketLabel(ms: number, bucketMinutes: number, multiDay: boolean): string {
  const d = new Date(ms);
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (bucketMinutes >= 24 * 60) return day;
  return multiDay ? `${day} ${time}` : time;
}

/** "2026-11-26 14:05" in local time. */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "14:05:09" in local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
