// What the service says about itself: its health and the field catalogue the segment builder
// offers (GET /api/health, GET /api/catalogue).
import { z } from 'zod';
import { isoInstant } from '../../domain/profile/schema.ts';

// ---------------------------------------------------------------- health

export const healthResponse = z.object({
  status: z.literal('ok'),
  store: z.enum(['memory', 'duckdb', 'clickhouse']),
  customers: z.number().int().nonnegative(),
  /** The instant the demo data runs up to; "today" for relative windows. */
  as_of: isoInstant,
});
export type HealthResponse = z.infer<typeof healthResponse>;

// ---------------------------------------------------------------- field catalogue

export const fieldType = z.enum(['string', 'enum', 'number', 'date', 'boolean']);
export type FieldType = z.infer<typeof fieldType>;
export const valueSuggestion = z.object({ value: z.string(), count: z.number().int() });
export type ValueSuggestion = z.infer<typeof valueSuggestion>;
export const fieldStats = z.object({
  /** Rows (or customers) where the field is set. */
  present: z.number().int(),
  missing: z.number().int(),
  distinct: z.number().int(),
  min: z.union([z.number(), z.string()]).nullable(),
  max: z.union([z.number(), z.string()]).nullable(),
});
export const catalogueField = z.object({
  /** `customer.city`, `order.channel`, `line.category`, `event.product_view`, `aggregate.order_count`… */
  id: z.string(),
  group: z.enum([
    'attribute',
    'behaviour',
    'order',
    'order_line',
    'aggregate',
    'reachability',
    'score',
  ]),
  label: z.string(),
  type: fieldType,
  stats: fieldStats,
  /** The most frequent values, most frequent first (ties by value), at most 25. */
  suggestions: z.array(valueSuggestion),
});
export type CatalogueField = z.infer<typeof catalogueField>;
export const eventProperty = z.object({
  name: z.string(),
  type: fieldType,
  suggestions: z.array(valueSuggestion),
});
export const catalogueEventType = z.object({
  type: z.string(),
  label: z.string(),
  count: z.number().int(),
  customers: z.number().int(),
  channels: z.array(z.string()),
  properties: z.array(eventProperty),
});
export type CatalogueEventType = z.infer<typeof catalogueEventType>;
export const catalogueResponse = z.object({
  customers: z.number().int(),
  fields: z.array(catalogueField),
  event_types: z.array(catalogueEventType),
});
export type CatalogueResponse = z.infer<typeof catalogueResponse>;
