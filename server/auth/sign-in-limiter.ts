// Failed sign-ins are limited per login and per address (decision 035): past `perLogin` failures
// for a login, or `perAddress` from one address, within the window, sign-ins wait until the oldest
// of those failures leaves the window. A success clears the login's and the address's count.
export interface SignInLimits {
  windowMs: number;
  perLogin: number;
  perAddress: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60_000,
  perLogin: 5,
  perAddress: 20,
};

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {}

  /** How long (ms) a sign-in for `login` from `address` must wait now; 0: it may go ahead. */
  wait(login: string, address: string, now: number): number {
    return Math.max(
      this.waitOf(`login:${login}`, this.limits.perLogin, now),
      this.waitOf(`address:${address}`, this.limits.perAddress, now),
    );
  }

  /** Records a failure; answers the wait it brings about (0 when none yet). */
  failed(login: string, address: string, now: number): number {
    for (const key of [`login:${login}`, `address:${address}`]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
    this.prune(now);
    return this.wait(login, address, now);
  }

  succeeded(login: string, address: string): void {
    this.failures.delete(`login:${login}`);
    this.failures.delete(`address:${address}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t + this.limits.windowMs > now);
  }

  private waitOf(key: string, max: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < max) return 0;
    // The failure that must leave the window for one more attempt.
    const blocking = times[times.length - max];
    return blocking === undefined ? 0 : blocking + this.limits.windowMs - now;
  }

  /** Keeps the map bounded: keys whose failures have all left the window go. */
  private prune(now: number): void {
    if (this.failures.size < 10_000) return;
    for (const key of [...this.failures.keys()])
      if (this.recent(key, now).length === 0) this.failures.delete(key);
  }
}
