/**
 * Time-zone arithmetic on top of Intl (no tz database of our own): resolving date-only input to
 * instants in an IANA zone and formatting instants as local wall-clock time.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZONE_NAME = /^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2})$/;
const DAY_MS = 86_400_000;

/**
 * One formatter per canonical zone name (`europe/rome` and `eUROPE/rOME` share `Europe/Rome`'s),
 * least recently used first out beyond the cap: a formatter costs ~20 KiB, and zone strings come
 * from clients. The runtime knows ~600 names, so the cap is never reached by real zones.
 */
const FORMATTER_CACHE_MAX = 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function newFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function remember(key: string, f: Intl.DateTimeFormat): Intl.DateTimeFormat {
  formatters.delete(key);
  formatters.set(key, f);
  if (formatters.size > FORMATTER_CACHE_MAX) formatters.delete(formatters.keys().next().value!);
  return f;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return remember(timeZone, cached);
  // Throws RangeError for a zone the runtime does not know; nothing is cached then.
  const fresh = newFormatter(timeZone);
  const canonical = fresh.resolvedOptions().timeZone;
  return remember(canonical, formatters.get(canonical) ?? fresh);
}

/** How many formatters are cached (for the test that variants of one zone share one). */
export function formatterCacheSize(): number {
  return formatters.size;
}

/**
 * An IANA zone name the runtime knows (`Europe/Rome`, `UTC`, also legacy links such as
 * `Europe/Kiev`). Offsets (`+01:00`) and abbreviations (`CET`-style names that are not zones)
 * are refused: a zone, not an offset, decides what "the end of 31 October" means.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (!ZONE_NAME.test(timeZone)) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

/** The zone's wall-clock time at `instantMs`, expressed as if it were UTC milliseconds. */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** UTC offset of the zone at an instant, in milliseconds (Rome in summer: +7_200_000). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/**
 * The first instant of a local wall-clock time in a zone. Ambiguous times (clocks turned back)
 * resolve to the earlier instant; times skipped by a forward jump resolve to the instant of the
 * jump, i.e. the first instant that exists at or after that local time.
 */
export function zonedTimeToInstant(wallMs: number, timeZone: string): Date {
  const before = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const candidates = [...new Set([wallMs - before, wallMs - after])].filter((t) => wallClockMs(t, timeZone) === wallMs);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wallMs - before);
}

/** The first instant of a calendar day in a zone. */
export function startOfDay(date: string, timeZone: string): Date {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return zonedTimeToInstant(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])), timeZone);
}

/**
 * The end of a calendar day in a zone, as the exclusive bound: the first instant of the next
 * day. "Closes 31 October" in Europe/Rome is 2026-11-01T00:00+01:00 = 2026-10-31T23:00:00Z;
 * anything received before it is on time.
 */
export function endOfDay(date: string, timeZone: string): Date {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return zonedTimeToInstant(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1), timeZone);
}

/**
 * Resolves API input that is either an instant with an offset or a date-only `YYYY-MM-DD`
 * (the start or the end of that day in `timeZone`). Returns undefined when it is neither.
 */
export function resolveInstant(value: string, timeZone: string, edge: 'start' | 'end'): Date | undefined {
  if (DATE_ONLY.test(value)) {
    if (!isRealDate(value) || !isValidTimeZone(timeZone)) return undefined;
    return edge === 'start' ? startOfDay(value, timeZone) : endOfDay(value, timeZone);
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export function isRealDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * ISO 8601 with the zone's offset at that instant: `2026-11-01T00:00:00+01:00`, the same instant
 * as the UTC form. A fraction of a second is kept (`…:00.250+01:00`) and left out when zero.
 *
 * Remembered per zone and instant: the offset comes from Intl's `formatToParts`, a few
 * microseconds each, and a competition's instants are formatted on every read of it (three per
 * competition, sixty per page of a list: a tenth of the API's CPU on the public reads). The
 * answer for a zone and instant never changes within a process (the runtime's tz data is fixed).
 */
const ZONED_CACHE_MAX = 20_000;
const zoned = new Map<string, string>();

export function toZonedIso(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const key = `${timeZone} ${ms}`;
  const known = zoned.get(key);
  if (known !== undefined) return known;
  const text = formatZonedIso(ms, timeZone);
  // Cleared whole when full: simpler than an LRU, and refilled within a few reads.
  if (zoned.size >= ZONED_CACHE_MAX) zoned.clear();
  zoned.set(key, text);
  return text;
}

function formatZonedIso(ms: number, timeZone: string): string {
  const offset = zoneOffsetMs(ms, timeZone);
  const wall = new Date(ms + offset).toISOString();
  const local = ms % 1000 === 0 ? wall.slice(0, 19) : wall.slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** The runtime's spelling of a valid zone (`utc` → `UTC`), so stored names are canonical. */
export function canonicalTimeZone(timeZone: string): string {
  return formatter(timeZone).resolvedOptions().timeZone;
}

/** Instants leave the API as ISO 8601 in UTC with milliseconds (`Date#toISOString`). */
export const iso = (instant: Date): string => instant.toISOString();
export const isoOrNull = (instant: Date | null): string | null => (instant ? instant.toISOString() : null);
