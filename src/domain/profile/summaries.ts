// The few fields that name a customer in a list: a segment's members and search hits.
import type { Customer } from './schema.ts';

export type MemberSummary = Pick<
  Customer,
  'customer_id' | 'first_name' | 'last_name' | 'email' | 'city'
>;

export type SearchHit = MemberSummary &
  Pick<Customer, 'loyalty_tier'> & {
    /** What the query matched: a name, or one identity (kind and value). */
    matched: { kind: string; value: string };
  };
