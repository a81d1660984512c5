// Under load (issue 13): each caller's expensive requests are rate-limited (429 with Retry-After),
// and the server sheds new requests at once (503 with Retry-After) instead of queueing them for
// seconds: past a number in flight, and once a queue has stood for a while (see Congestion). The
// limits are the Node server's (server/node.ts); the browser's demo and the tests run without them
// unless a test sets them.
import type { MiddlewareHandler } from 'hono';
import { principalOf } from './auth/access.ts';
import { httpError } from './http.ts';

export interface RateRule {
  /** What the budget is for, said in the 429. */
  group: 'counts' | 'exports' | 'refits' | 'audits' | 'previews';
  method: string;
  pattern: RegExp;
  /** Requests a caller may make at once, then one more every `perMs`. */
  burst: number;
  perMs: number;
}

export const RATE_RULES: readonly RateRule[] = [
  {
    group: 'counts',
    method: 'POST',
    pattern: /^\/api\/segments\/(count|overlap|forecast)$/,
    burst: 40,
    perMs: 100,
  },
  {
    group: 'exports',
    method: 'GET',
    pattern: /^\/api\/(segments\/[^/]+\/members\.csv|campaigns\/[^/]+\/(recipients\.csv|export))$/,
    // A marketer takes a campaign's file in several formats and waves in a row.
    burst: 20,
    perMs: 3_000,
  },
  {
    group: 'refits',
    method: 'POST',
    pattern: /^\/api\/models\/clv\/refit$/,
    burst: 2,
    perMs: 60_000,
  },
  {
    group: 'audits',
    method: 'POST',
    pattern: /^\/api\/campaigns\/[^/]+\/audits$/,
    burst: 10,
    perMs: 6_000,
  },
  {
    group: 'previews',
    method: 'POST',
    pattern: /^\/api\/(templates\/render|recommendations)$/,
    burst: 40,
    perMs: 100,
  },
];

/** When a queue is said to stand (see Congestion). */
export interface QueueTarget {
  /** The fastest request of an interval took longer than this: requests wait behind others. */
  targetMs: number;
  intervalMs: number;
  /**
   * Slow intervals in a row (whose fastest was over the target) that make a standing queue: a
   * pause of the whole process (a major garbage collection, the store's stall) slows every request
   * ending in the interval after it, and the backlog drains in the next; a queue that outlasts the
   * longest pause is one the server cannot clear.
   */
  confirm: number;
  /**
   * One slow interval is enough when requests arrived in it at more than `surge` times their
   * usual rate (a burst: a pause does not bring more requests), or when a queue stood within the
   * last `memoryMs` (an overload goes on: while shedding, intervals are quick).
   */
  surge: number;
  memoryMs: number;
  /** Requests still let in however congested (a few slow exports must not shut the server). */
  floor: number;
}

export interface LoadLimits {
  /** Requests served at once; the next is a 503 (32 on the server: with 16 a steady 50 req/s was shed on 2 busy cores). */
  inFlight: number;
  /** Shedding on a standing queue; null: the in-flight cap only. */
  queue: QueueTarget | null;
  rules: readonly RateRule[];
  now: () => number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  inFlight: 32,
  // A count over a million customers holds both cores for 100 ms and more: a target under that
  // would shed a steady 50 req/s whenever one runs (seen at 50 ms over 100 ms intervals). Pauses
  // of up to a second were seen at a million customers under a steady 50 req/s (every request
  // slow at once, then quick again): four intervals (1.2 s) outlast them; a burst of three times
  // the usual rate is shed after one (decision 047).
  queue: { targetMs: 100, intervalMs: 300, confirm: 4, surge: 3, memoryMs: 10_000, floor: 4 },
  rules: RATE_RULES,
  now: Date.now,
};

/** How quickly the usual arrivals per interval follow the load: about 32 intervals (10 s). */
const USUAL_WEIGHT = 1 / 32;

/**
 * A standing queue, told as CoDel tells it: a request's time in the server is its work plus its
 * wait behind others, so when even the fastest request ending in an interval took longer than the
 * target, every request waited. A queue stands after `confirm` slow intervals in a row, or after
 * one when requests surge or a queue stood moments ago (see QueueTarget); then new requests are
 * shed until an interval's fastest is back under the target, or an interval passes in which
 * nothing ended (either also starts the count again). A load of requests that each take longer
 * than the target on their own is held to `floor` in flight: on two cores, that is about what
 * they can share.
 */
export class Congestion {
  private start: number;
  private fastest = Infinity;
  private arrivals = 0;
  /** Requests arriving per interval when the server keeps up (intervals not slow). */
  private usual = 0;
  /** Slow intervals in a row. */
  private slow = 0;
  private standing = false;
  private stoodAt = -Infinity;

  constructor(
    private readonly target: QueueTarget,
    now: number,
  ) {
    this.start = now;
  }

  /** A request served in `ms`, ending at `now`. */
  ended(ms: number, now: number): void {
    this.roll(now);
    this.fastest = Math.min(this.fastest, ms);
  }

  /** Whether a request arriving at `now` with `inFlight` under way is shed. */
  sheds(inFlight: number, now: number): boolean {
    this.roll(now);
    this.arrivals += 1;
    return this.standing && inFlight >= this.target.floor;
  }

  /** Intervals follow each other from the first; those that passed unseen had nothing end. */
  private roll(now: number): void {
    const { intervalMs, targetMs, confirm, surge, memoryMs, floor } = this.target;
    const passed = Math.floor((now - this.start) / intervalMs);
    if (passed < 1) return;
    const ended = this.start + intervalMs;
    // An interval in which nothing ended says nothing of a queue (long exports under way): the
    // in-flight cap is then the only bound.
    const slow = passed === 1 && this.fastest !== Infinity && this.fastest > targetMs;
    this.slow = slow ? this.slow + 1 : 0;
    const surged = this.arrivals > surge * Math.max(this.usual, floor);
    this.standing = this.slow >= confirm || (slow && (surged || ended - this.stoodAt <= memoryMs));
    if (this.standing) this.stoodAt = ended;
    if (!slow) this.usual += (this.arrivals - this.usual) * USUAL_WEIGHT;
    // Intervals that passed unseen had no arrivals.
    this.usual *= (1 - USUAL_WEIGHT) ** (passed - 1);
    this.start += passed * intervalMs;
    this.fastest = Infinity;
    this.arrivals = 0;
  }
}

/** A token bucket per caller and group: `burst` tokens, refilled one per `perMs`. */
class Buckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** 0 when a token was taken; else how long (ms) until one is there. */
  take(key: string, rule: RateRule, now: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: rule.burst, at: now };
    const tokens = Math.min(rule.burst, bucket.tokens + (now - bucket.at) / rule.perMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      if (this.buckets.size > 50_000) this.buckets.clear();
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.ceil((1 - tokens) * rule.perMs);
  }
}

export function loadLimits(limits: LoadLimits): MiddlewareHandler {
  const buckets = new Buckets();
  const congestion = limits.queue && new Congestion(limits.queue, limits.now());
  let inFlight = 0;
  return async (c, next) => {
    const arrived = limits.now();
    if (congestion?.sheds(inFlight, arrived)) {
      c.header('Retry-After', '1');
      throw httpError(
        'overloaded',
        `The server is busy (requests are waiting behind ${inFlight} under way): try again in a second.`,
        { seconds: 1 },
      );
    }
    if (inFlight >= limits.inFlight) {
      c.header('Retry-After', '1');
      throw httpError(
        'overloaded',
        `The server is busy (${inFlight} requests under way): try again in a second.`,
        {
          seconds: 1,
        },
      );
    }
    const rule = limits.rules.find((r) => r.method === c.req.method && r.pattern.test(c.req.path));
    const principal = principalOf(c);
    if (rule !== undefined && principal !== null) {
      const wait = buckets.take(
        `${principal.kind}:${principal.id}:${rule.group}`,
        rule,
        limits.now(),
      );
      if (wait > 0) {
        const seconds = Math.max(1, Math.ceil(wait / 1000));
        c.header('Retry-After', String(seconds));
        throw httpError(
          'rate_limited',
          `Too many ${rule.group} for now: try again in ${seconds} s.`,
          {
            group: rule.group,
            seconds,
          },
        );
      }
    }
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
      const ended = limits.now();
      congestion?.ended(ended - arrived, ended);
    }
  };
}
