// The import layout (docs/import.md): one CSV or Parquet file per table of the logical model, named
// after the table (`customers.csv`, `order_lines.parquet`…), its columns named as the model's. The
// columns and their kinds are the store's own (server/stores/duckdb-schema.ts); what a row may hold
// is the domain's schema (src/domain/profile/schema.ts); this file adds what an import checks across
// rows: each table's key, the references between tables, and the instants that must come in order.
import type { z } from 'zod';
import {
  campaign,
  consent,
  customer,
  event,
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
import { tables, type ColumnSpec } from '../stores/duckdb-schema.ts';

// The tables a retailer's files fill, in the order they are read and written (the API contract's,
// so that the import screen can say which table each file fills).
import { IMPORT_TABLES, type ImportTable } from '../../src/api/contract.ts';

export { IMPORT_TABLES, type ImportTable };

export function isImportTable(name: string): name is ImportTable {
  return IMPORT_TABLES.some((t) => t === name);
}

/**
 * The rows an imported row replaces: those with the same key, except order lines, replaced by
 * order (an order's lines sent again are its lines, those not sent again are gone).
 */
export const REPLACED_BY: Readonly<Partial<Record<ImportTable, readonly string[]>>> = {
  order_lines: ['order_id'],
};

/** What one row of each table must be: the domain's schema. */
export const ROW_SCHEMAS: Readonly<Record<ImportTable, z.ZodType>> = {
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
};

/** The columns that name one row: a second row with the same values is a duplicate. */
export const KEYS: Readonly<Record<ImportTable, readonly string[]>> = {
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
};

/** A column whose value (when not null) must be the key of a row of another table. */
export interface Reference {
  table: ImportTable;
  column: string;
  to: ImportTable;
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
];

/** Two instants of one row that must come in this order (the first not after the second). */
export const TIME_ORDER: Readonly<Partial<Record<ImportTable, readonly [string, string]>>> = {
  identities: ['first_seen', 'last_seen'],
  offers: ['valid_from', 'valid_to'],
};

/** The table's columns as the store keeps them. */
export function columnsOf(table: ImportTable): readonly ColumnSpec[] {
  return tables[table];
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

/** The steps `importDirectory` tells of: each table read and checked, the checks across them,
 * and when it writes, each table written, three derived tables rebuilt and the store reloaded. */
export function importSteps(check: boolean): number {
  const reading = 2 * IMPORT_TABLES.length + 1;
  return check ? reading : reading + IMPORT_TABLES.length + 3 + 1;
}
