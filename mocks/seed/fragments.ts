// The demo's identities as a retailer's systems hold them before any resolution: one record per
// customer and system (the web account, the app install, the loyalty card at the till, the
// call-centre contact, the social login), each with the identities that system saw, under an id of
// its own that says nothing of the customer. What ties a customer's records together is what ties
// them in a real export: the same verified e-mail (an account signed in on the web or in the app),
// the same phone (typed at the till in the national form), the same loyalty card, or, where the
// systems share none of these, a line of the link table (the loyalty programme's own join, a social
// login connected to the account).
//
// The truth rides along: which customer each record is. The resolution (src/domain/profile/
// identity-resolution.ts) must rebuild exactly these customers from the records and links alone.
import type { Identity, IdentityKind } from '../../src/domain/profile/schema.ts';

/** One identity of one record, as the file `source_records.csv` holds it. */
export interface FragmentIdentity {
  record_id: string;
  source: string;
  kind: IdentityKind;
  value: string;
  /** An e-mail the owner proved (a confirmed account); false everywhere else. */
  verified: boolean;
  first_seen: string;
  last_seen: string;
}

/** Two records the retailer's own systems say are one customer (`record_links.csv`). */
export interface FragmentLink {
  record_a: string;
  record_b: string;
}

export interface Fragments {
  /** Each record: its customer (the truth), its system, whether it is the customer's main one. */
  records: { record_id: string; customer_id: string; source: string; main: boolean }[];
  identities: FragmentIdentity[];
  links: FragmentLink[];
  /** The truth: the customer each record belongs to. */
  customerOf: Map<string, string>;
}

/** The systems, in the order a customer's main record is chosen from. */
const SOURCES = ['web', 'app', 'store', 'call_centre', 'social'] as const;
const PREFIX: Readonly<Record<string, string>> = {
  web: 'WEB',
  app: 'APP',
  store: 'POS',
  call_centre: 'CRM',
  social: 'SOC',
};
/** Systems where a customer signs in with a confirmed account: their e-mail is proved. */
const ACCOUNTS = new Set(['web', 'app']);

/** `+33 6 12 34 56 78` as a till types it: `06 12 34 56 78`. */
function national(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (!phone.trim().startsWith('+33') || digits.length !== 11) return phone;
  const rest = `0${digits.slice(2)}`;
  return rest.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** What the fragments are made of: the customers' ids and identities. */
export interface FragmentInput {
  customers: readonly { customer_id: string }[];
  identities: readonly Pick<
    Identity,
    'customer_id' | 'kind' | 'value' | 'source' | 'first_seen' | 'last_seen'
  >[];
}

export function fragmentsOf(dataset: FragmentInput): Fragments {
  // An address two customers hold proves nobody: exported unverified for both.
  const holders = new Map<string, Set<string>>();
  for (const i of dataset.identities) {
    if (i.kind !== 'email') continue;
    const key = i.value.trim().toLowerCase();
    const set = holders.get(key) ?? new Set<string>();
    set.add(i.customer_id);
    holders.set(key, set);
  }
  const ownEmail = (value: string) => (holders.get(value.trim().toLowerCase())?.size ?? 0) === 1;

  const byCustomer = new Map<string, FragmentInput['identities'][number][]>();
  for (const i of dataset.identities) {
    const list = byCustomer.get(i.customer_id) ?? [];
    list.push(i);
    byCustomer.set(i.customer_id, list);
  }
  const counters = new Map<string, number>();
  const nextId = (source: string) => {
    const n = (counters.get(source) ?? 0) + 1;
    counters.set(source, n);
    return `${PREFIX[source] ?? source.toUpperCase()}-${String(n).padStart(7, '0')}`;
  };

  const records: Fragments['records'] = [];
  const identities: FragmentIdentity[] = [];
  const links: FragmentLink[] = [];
  const customerOf = new Map<string, string>();
  for (const customer of dataset.customers) {
    const theirs = byCustomer.get(customer.customer_id) ?? [];
    const sources: string[] = SOURCES.filter((s) => theirs.some((i) => i.source === s));
    if (sources.length === 0) continue;
    const ids = new Map(sources.map((s) => [s, nextId(s)]));
    for (const id of ids.values()) customerOf.set(id, customer.customer_id);
    const push = (
      source: string,
      i: FragmentInput['identities'][number],
      value = i.value,
      verified = false,
    ) => {
      identities.push({
        record_id: ids.get(source) ?? '',
        source,
        kind: i.kind,
        value,
        verified,
        first_seen: i.first_seen,
        last_seen: i.last_seen,
      });
    };
    for (const i of theirs)
      push(i.source, i, i.value, i.kind === 'email' && ACCOUNTS.has(i.source) && ownEmail(i.value));

    // The main record holds the e-mail and the phone (the system the customer signed up in).
    const email = theirs.find((i) => i.kind === 'email');
    const phone = theirs.find((i) => i.kind === 'phone');
    const card = theirs.find((i) => i.kind === 'loyalty_card');
    const main = email?.source ?? phone?.source ?? sources[0] ?? 'web';
    for (const source of sources)
      records.push({
        record_id: ids.get(source) ?? '',
        customer_id: customer.customer_id,
        source,
        main: source === main,
      });
    // Which records the copies below tie together, as this export knows it (its own bookkeeping,
    // not the rules: a record left apart gets a line of the link table).
    const tied = new Map<string, string>(sources.map((s) => [s, s]));
    const rootOf = (s: string): string => {
      let at = s;
      while (tied.get(at) !== at) at = tied.get(at) ?? at;
      return at;
    };
    const tie = (a: string, b: string) => tied.set(rootOf(a), rootOf(b));
    const proved = email !== undefined && ownEmail(email.value);
    const accounts = sources.filter((source) => ACCOUNTS.has(source));
    for (const source of sources) {
      // Signed in on the web or in the app with the account: the proved e-mail is there too (the
      // main record has it already), which ties the account records together.
      if (source !== main && ACCOUNTS.has(source) && email !== undefined && proved)
        push(source, email, email.value, true);
      // The till asks for the phone, and types it its way.
      if (source === 'store' && source !== main && phone !== undefined) {
        push(source, phone, national(phone.value));
        tie(source, main);
      }
      // The web account keeps the loyalty card registered online.
      if (source === 'web' && card !== undefined && sources.includes('store')) {
        push(source, card);
        tie(source, 'store');
      }
    }
    if (proved) for (const source of accounts) tie(source, accounts[0] ?? source);
    for (const source of sources) {
      if (rootOf(source) === rootOf(main)) continue;
      links.push({ record_a: ids.get(main) ?? '', record_b: ids.get(source) ?? '' });
      tie(source, main);
    }
  }
  return { records, identities, links, customerOf };
}
