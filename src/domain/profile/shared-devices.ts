// A device (an app install, a web cookie) seen with several profiles: a household tablet, a shared
// computer. Identity resolution never merges profiles through one (identity-resolution.ts); the
// Customer 360 marks it shared, with how many other profiles hold it. A fact across customers: a
// store finds the identities holding the same values, this says what they mean.
import { compareText } from '../compare.ts';

export const DEVICE_KINDS: ReadonlySet<string> = new Set(['app_device', 'web_cookie']);

export interface HeldIdentity {
  customer_id: string;
  kind: string;
  value: string;
}

export interface SharedDevice {
  kind: string;
  value: string;
  /** Other profiles holding it. */
  profiles: number;
}

/**
 * The devices among `own` (the customer's identities) that other customers hold too, by kind then
 * value; `holders` are identities with those values, whoever holds them (the customer's own among
 * them or not). The same kind and the very same value: a cookie is not an app device.
 */
export function sharedDevicesOf(
  customerId: string,
  own: readonly { kind: string; value: string }[],
  holders: readonly HeldIdentity[],
): SharedDevice[] {
  const others = new Map<string, Set<string>>();
  for (const h of holders) {
    if (h.customer_id === customerId || !DEVICE_KINDS.has(h.kind)) continue;
    const key = `${h.kind}\u0000${h.value}`;
    const set = others.get(key) ?? new Set<string>();
    set.add(h.customer_id);
    others.set(key, set);
  }
  const seen = new Set<string>();
  const out: SharedDevice[] = [];
  for (const { kind, value } of own) {
    const key = `${kind}\u0000${value}`;
    if (!DEVICE_KINDS.has(kind) || seen.has(key)) continue;
    seen.add(key);
    const profiles = others.get(key)?.size ?? 0;
    if (profiles > 0) out.push({ kind, value, profiles });
  }
  return out.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.value, b.value));
}

/** Holders of devices, by kind and value, for a store that reads them once (sharedDevicesOf). */
export class DeviceHolders {
  private readonly byValue = new Map<string, HeldIdentity[]>();

  constructor(holders: Iterable<HeldIdentity>) {
    for (const h of holders) {
      const list = this.byValue.get(h.value) ?? [];
      list.push(h);
      this.byValue.set(h.value, list);
    }
  }

  /** Which of `own` other customers hold too. */
  shared(customerId: string, own: readonly { kind: string; value: string }[]): SharedDevice[] {
    return sharedDevicesOf(
      customerId,
      own,
      own.flatMap((i) => this.byValue.get(i.value) ?? []),
    );
  }
}
