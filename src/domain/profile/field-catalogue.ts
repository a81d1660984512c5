// The field catalogue a store describes its data with: every field a segment condition may name,
// with its type, how often it is set and its most frequent values, and every event type with its
// properties. The segment builder is driven by it, never by a hard-coded list.
import type { CatalogueGroup, CatalogueType } from './catalogue.ts';

export interface ValueSuggestion {
  value: string;
  count: number;
}

export interface FieldStats {
  /** Rows (or customers) where the field is set. */
  present: number;
  missing: number;
  distinct: number;
  min: number | string | null;
  max: number | string | null;
}

export interface CatalogueField {
  /** `customer.city`, `order.channel`, `line.category`, `event.product_view`, `aggregate.order_count`… */
  id: string;
  group: CatalogueGroup | 'score';
  label: string;
  type: CatalogueType;
  stats: FieldStats;
  /** The most frequent values, most frequent first (ties by value), at most 25. */
  suggestions: ValueSuggestion[];
}

export interface CatalogueEventType {
  type: string;
  label: string;
  count: number;
  customers: number;
  channels: string[];
  properties: { name: string; type: CatalogueType; suggestions: ValueSuggestion[] }[];
}

export interface FieldCatalogue {
  customers: number;
  fields: CatalogueField[];
  event_types: CatalogueEventType[];
}
