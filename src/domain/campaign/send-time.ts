// Wall-clock times in an IANA time zone, both ways, with the platform's Intl time-zone data only:
// a campaign is planned at "9:30 in Paris" and leaves at one instant. A wall-clock time the clocks
// skip (a spring-forward gap) has no instant; one they pass twice (autumn) is its first pass.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether this runtime knows the time zone (`Europe/Paris`, `UTC`…). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts = new Map(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type) ?? NaN);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** How far the zone's clocks are ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return asUtc(wallClockAt(whole, timeZone)) - whole;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall-clock time (`2026-12-01T09:30`) at an instant in a zone (seconds dropped). */
export function localDateTimeAt(instant: string | number, timeZone: string): string {
  const w = wallClockAt(typeof instant === 'number' ? instant : Date.parse(instant), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The calendar day (`2026-12-01`) at an instant in a zone. */
export function localDateAt(instant: string | number, timeZone: string): string {
  return localDateTimeAt(instant, timeZone).slice(0, 10);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant (epoch ms) of a wall-clock time (`2026-12-01T09:30`) in a zone; null when the clocks
 * skip that time (or it is not one). Of two instants (clocks turned back), the first.
 */
export function instantOf(localDateTime: string, timeZone: string): number | null {
  const m = LOCAL.exec(localDateTime);
  if (m === null) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // The offset changes at most once around a given day: one of the offsets a day either side is
  // the one in force at that wall-clock time, if any is.
  const day = 86_400_000;
  const candidates = [offsetAt(wall - day, timeZone), offsetAt(wall + day, timeZone)]
    .map((offset) => wall - offset)
    .filter((ms) => localDateTimeAt(ms, timeZone) === localDateTime)
    .sort((a, b) => a - b);
  return candidates[0] ?? null;
}
