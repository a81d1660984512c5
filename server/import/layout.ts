// The import layout (docs/import.md): one CSV or Parquet file per table of the logical model, named
// after the table (`customers.csv`, `order_lines.parquet`…), its columns named as the model's. The
// columns and their kinds are the store's own (server/stores/duckdb-schema.ts); what a row may hold
// is the domain's schema (src/domain/profile/schema.ts); this file adds what an import checks across
// rows: each table's key, the references between tables, and the instants that must come in order.
import { z } from 'zod';
import {
  campaign,
  consent,
  customer,
  event,
  identityKind,
  isoInstant,
  holdout,
  identity,
  message,
  offer,
  offerResponse,
  order,
  orderLine,
  preference,
  product,
  store,
  storeStock,
} from '../../src/domain/profile/schema.ts';
import { quote, tables, type ColumnSpec } from '../stores/duckdb-schema.ts';

// The tables a retailer's files fill, in the order they are read and written (the API contract's,
// so that the import screen can say which table each file fills).
import {
  IMPORT_TABLES,
  LAYOUT_TABLES,
  type ImportTable,
  type LayoutTable,
} from '../../src/api/contract.ts';

export { IMPORT_TABLES, LAYOUT_TABLES, type ImportTable, type LayoutTable };

export function isImportTable(name: string): name is ImportTable {
  return IMPORT_TABLES.some((t) => t === name);
}

export function isLayoutTable(name: string): name is LayoutTable {
  return LAYOUT_TABLES.some((t) => t === name);
}

/** A source system's record: the identities it holds (source_records, one line per identity). */
const sourceRecord = z.strictObject({
  record_id: z.string().min(1),
  source: z.string().min(1),
  kind: identityKind,
  value: z.string().min(1),
  /** An e-mail its owner proved (a confirmed account); only a proved e-mail merges records. */
  verified: z.boolean(),
  first_seen: isoInstant,
  last_seen: isoInstant,
});
/** Two records the retailer's systems say are one customer. */
const recordLink = z.strictObject({ record_a: z.string().min(1), record_b: z.string().min(1) });

const RESOLUTION_COLUMNS: Readonly<
  Record<'source_records' | 'record_links', readonly ColumnSpec[]>
> = {
  source_records: [
    { name: 'record_id', kind: 'text', nullable: false },
    { name: 'source', kind: 'text', nullable: false },
    { name: 'kind', kind: 'text', nullable: false },
    { name: 'value', kind: 'text', nullable: false },
    { name: 'verified', kind: 'bool', nullable: false },
    { name: 'first_seen', kind: 'instant', nullable: false },
    { name: 'last_seen', kind: 'instant', nullable: false },
  ],
  record_links: [
    { name: 'record_a', kind: 'text', nullable: false },
    { name: 'record_b', kind: 'text', nullable: false },
  ],
};

/**
 * The rows an imported row replaces: those with the same key, except order lines, replaced by
 * order (an order's lines sent again are its lines, those not sent again are gone).
 */
export const REPLACED_BY: Readonly<Partial<Record<ImportTable, readonly string[]>>> = {
  order_lines: ['order_id'],
};

/** What one row of each table must be: the domain's schema. */
export const ROW_SCHEMAS: Readonly<Record<LayoutTable, z.ZodType>> = {
  customers: customer,
  identities: identity,
  consents: consent,
  preferences: preference,
  stores: store,
  products: product,
  store_stock: storeStock,
  orders: order,
  order_lines: orderLine,
  events: event,
  messages: message,
  holdouts: holdout,
  offers: offer,
  offer_responses: offerResponse,
  campaigns: campaign,
  source_records: sourceRecord,
  record_links: recordLink,
};

/** The columns that name one row: a second row with the same values is a duplicate. */
export const KEYS: Readonly<Record<LayoutTable, readonly string[]>> = {
  customers: ['customer_id'],
  identities: ['customer_id', 'kind', 'value', 'source'],
  consents: ['consent_id'],
  // A preference can be stated again later: the instant is part of what names it.
  preferences: ['customer_id', 'topic', 'value', 'stated_at', 'source'],
  stores: ['store_id'],
  products: ['sku'],
  store_stock: ['sku', 'store_id'],
  orders: ['order_id'],
  order_lines: ['order_id', 'line_no'],
  events: ['event_id'],
  messages: ['message_id'],
  holdouts: ['customer_id', 'campaign_id'],
  offers: ['offer_id'],
  offer_responses: ['response_id'],
  campaigns: ['campaign_id'],
  source_records: ['record_id', 'kind', 'value'],
  record_links: ['record_a', 'record_b'],
};

/** A column whose value (when not null) must be the key of a row of another table. */
export interface Reference {
  table: LayoutTable;
  column: string;
  to: LayoutTable;
  toColumn: string;
}

const toCustomer = (table: ImportTable): Reference => ({
  table,
  column: 'customer_id',
  to: 'customers',
  toColumn: 'customer_id',
});

export const REFERENCES: readonly Reference[] = [
  toCustomer('identities'),
  toCustomer('consents'),
  toCustomer('preferences'),
  toCustomer('orders'),
  toCustomer('events'),
  toCustomer('messages'),
  toCustomer('holdouts'),
  toCustomer('offer_responses'),
  { table: 'orders', column: 'store_id', to: 'stores', toColumn: 'store_id' },
  { table: 'order_lines', column: 'order_id', to: 'orders', toColumn: 'order_id' },
  { table: 'order_lines', column: 'sku', to: 'products', toColumn: 'sku' },
  { table: 'store_stock', column: 'sku', to: 'products', toColumn: 'sku' },
  { table: 'store_stock', column: 'store_id', to: 'stores', toColumn: 'store_id' },
  { table: 'offers', column: 'sku', to: 'products', toColumn: 'sku' },
  { table: 'messages', column: 'offer_id', to: 'offers', toColumn: 'offer_id' },
  { table: 'offer_responses', column: 'offer_id', to: 'offers', toColumn: 'offer_id' },
  { table: 'campaigns', column: 'offer_id', to: 'offers', toColumn: 'offer_id' },
  { table: 'record_links', column: 'record_a', to: 'source_records', toColumn: 'record_id' },
  { table: 'record_links', column: 'record_b', to: 'source_records', toColumn: 'record_id' },
];

/** Two instants of one row that must come in this order (the first not after the second). */
export const TIME_ORDER: Readonly<Partial<Record<LayoutTable, readonly [string, string]>>> = {
  identities: ['first_seen', 'last_seen'],
  offers: ['valid_from', 'valid_to'],
  source_records: ['first_seen', 'last_seen'],
};

/** The table's columns as the store keeps them (a resolution file's, as the layout has them). */
export function columnsOf(table: LayoutTable): readonly ColumnSpec[] {
  return table === 'source_records' || table === 'record_links'
    ? RESOLUTION_COLUMNS[table]
    : tables[table];
}

/**
 * Whether a text cell would run as a formula once the file is opened in a spreadsheet: it starts
 * with `=`; with `@` followed by more than a handle (`@marie_dupont` is data, `@SUM(1+1)` is not);
 * or with `+` or `-` followed by more than a number (a phone number such as `+33 6 12 34 56 78`,
 * or a `-` alone, is data).
 */
export function looksLikeFormula(text: string): boolean {
  const start = text.trimStart();
  const first = start.charAt(0);
  if (first === '=') return true;
  if (first === '@') return !/^@[\p{L}\p{N}_.]*$/u.test(start);
  if (first !== '+' && first !== '-') return false;
  return !/^[+-][\d\s.()-]*$/.test(start);
}

/** The steps `importDirectory` tells of: each file read and checked, the resolution of records,
 * the checks across files, and when it writes, each table written, three derived tables rebuilt
 * and the store reloaded. */
export function importSteps(check: boolean): number {
  const reading = 2 * LAYOUT_TABLES.length + 2;
  return check ? reading : reading + IMPORT_TABLES.length + 3 + 1;
}

/** The TEMP table a file is staged in while it is read and checked. */
export const stagedTable = (table: LayoutTable) => quote(`stage_${table}`);
