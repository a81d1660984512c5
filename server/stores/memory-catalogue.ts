// The field catalogue computed in JS over a Dataset: the reference for the DuckDB store's SQL.
import { crossProfiles, NO_CROSS_PROFILE } from '../../src/domain/profile/cross-profile.ts';
import type {
  CatalogueEventType,
  CatalogueField,
  CatalogueResponse,
} from '../../src/api/contract.ts';
import {
  aggregateFields,
  columnFields,
  daysBetween,
  eventTypeLabels,
  isValidEmail,
  propertyType,
  rankSuggestions,
  reachabilityFields,
  wantsSuggestions,
  type FieldSpec,
} from '../../src/domain/profile/catalogue.ts';
import { latestConsents, orderFigures } from '../../src/domain/profile/figures.ts';
import { firstNameJunk } from '../../src/domain/template/salutation.ts';
import {
  eventType as eventTypeSchema,
  type Dataset,
  type Order,
} from '../../src/domain/profile/schema.ts';
import { compareText } from '../../src/domain/compare.ts';

type Scalar = string | number | boolean | null;

/** Stats and suggestions of one field from its values (one per row counted). */
export function describeValues(spec: FieldSpec, values: Iterable<Scalar>): CatalogueField {
  const counts = new Map<string, number>();
  let present = 0;
  let missing = 0;
  let min: string | number | null = null;
  let max: string | number | null = null;
  for (const v of values) {
    if (v === null) {
      missing += 1;
      continue;
    }
    present += 1;
    const key = String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (spec.type === 'number' || spec.type === 'date') {
      const x = typeof v === 'boolean' ? String(v) : v;
      if (min === null || x < min) min = x;
      if (max === null || x > max) max = x;
    }
  }
  return {
    id: spec.id,
    group: spec.group,
    label: spec.label,
    type: spec.type,
    stats: { present, missing, distinct: counts.size, min, max },
    suggestions: wantsSuggestions(spec.type, counts.size) ? rankSuggestions(counts) : [],
  };
}

/** A row's scalar value in `column` (an allowlisted column name), null when absent or not scalar. */
export function columnValue(row: object, column: string): Scalar {
  const v: unknown = Object.hasOwn(row, column) ? Reflect.get(row, column) : null;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

export function memoryCatalogue(data: Dataset, asOf: string): CatalogueResponse {
  const products = new Map(data.products.map((p) => [p.sku, p]));
  const fields: CatalogueField[] = columnFields.map((spec) => {
    if (spec.table === 'customers')
      return describeValues(
        spec,
        data.customers.map((r) => columnValue(r, spec.column)),
      );
    if (spec.table === 'orders')
      return describeValues(
        spec,
        data.orders.map((r) => columnValue(r, spec.column)),
      );
    if (spec.table === 'order_lines') {
      return describeValues(
        spec,
        data.order_lines.map((r) => columnValue(r, spec.column)),
      );
    }
    return describeValues(
      spec,
      data.order_lines.map((line) => {
        const product = products.get(line.sku);
        return product ? columnValue(product, spec.column) : null;
      }),
    );
  });

  const ordersByCustomer = new Map<string, Order[]>();
  for (const o of data.orders) {
    const list = ordersByCustomer.get(o.customer_id);
    if (list) list.push(o);
    else ordersByCustomer.set(o.customer_id, [o]);
  }
  const figures = data.customers.map((c) =>
    orderFigures(ordersByCustomer.get(c.customer_id) ?? []),
  );
  const aggregateValues: Record<string, Scalar[]> = {
    'aggregate.order_count': figures.map((f) => f.orders),
    'aggregate.total_spend_cents': figures.map((f) => f.spend_cents),
    'aggregate.average_order_cents': figures.map((f) => f.average_order_cents),
    'aggregate.days_since_last_order': figures.map((f) =>
      f.last_order_at === null ? null : daysBetween(f.last_order_at, asOf),
    ),
  };
  for (const spec of aggregateFields)
    fields.push(describeValues(spec, aggregateValues[spec.id] ?? []));

  const consentsByCustomer = new Map<string, Dataset['consents']>();
  for (const k of data.consents) {
    const list = consentsByCustomer.get(k.customer_id);
    if (list) list.push(k);
    else consentsByCustomer.set(k.customer_id, [k]);
  }
  const states = data.customers.map((c) =>
    latestConsents(consentsByCustomer.get(c.customer_id) ?? []),
  );
  const reach: Record<string, Scalar[]> = {
    'reachability.valid_email': data.customers.map((c) => isValidEmail(c.email)),
    'reachability.has_phone': data.customers.map((c) => c.phone !== null && c.phone !== ''),
  };
  reach['reachability.usable_first_name'] = data.customers.map(
    (c) => firstNameJunk(c.first_name, c.email) === null,
  );
  const cross = crossProfiles(data);
  for (const fact of ['shared_device', 'duplicate_email', 'duplicate_phone'] as const)
    reach[`reachability.${fact}`] = data.customers.map(
      (c) => (cross.get(c.customer_id) ?? NO_CROSS_PROFILE)[fact],
    );
  for (const channel of ['email', 'sms', 'push', 'phone']) {
    const status = states.map((s) => s.find((x) => x.channel === channel)?.status ?? 'unknown');
    reach[`reachability.consent_${channel}`] = status;
    reach[`reachability.known_consent_${channel}`] = status.map((v) => v !== 'unknown');
  }
  for (const spec of reachabilityFields) fields.push(describeValues(spec, reach[spec.id] ?? []));

  return { customers: data.customers.length, fields, event_types: eventTypes(data) };
}

function eventTypes(data: Dataset): CatalogueEventType[] {
  interface Acc {
    count: number;
    customers: Set<string>;
    channels: Set<string>;
    props: Map<
      string,
      { seen: { string: boolean; number: boolean; boolean: boolean }; values: Scalar[] }
    >;
  }
  const byType = new Map<string, Acc>();
  for (const e of data.events) {
    let acc = byType.get(e.type);
    if (!acc) {
      acc = { count: 0, customers: new Set(), channels: new Set(), props: new Map() };
      byType.set(e.type, acc);
    }
    acc.count += 1;
    acc.customers.add(e.customer_id);
    acc.channels.add(e.channel);
    for (const [name, value] of Object.entries(e.properties)) {
      let prop = acc.props.get(name);
      if (!prop) {
        prop = { seen: { string: false, number: false, boolean: false }, values: [] };
        acc.props.set(name, prop);
      }
      if (typeof value === 'string') prop.seen.string = true;
      else if (typeof value === 'number') prop.seen.number = true;
      else prop.seen.boolean = true;
      prop.values.push(value);
    }
  }
  return eventTypeSchema.options
    .filter((type) => byType.has(type))
    .map((type) => {
      const acc = byType.get(type);
      const props = acc ? [...acc.props.entries()].sort(([a], [b]) => compareText(a, b)) : [];
      return {
        type,
        label: eventTypeLabels[type],
        count: acc?.count ?? 0,
        customers: acc?.customers.size ?? 0,
        channels: [...(acc?.channels ?? [])].sort(),
        properties: props.map(([name, prop]) => {
          const t = propertyType(prop.seen);
          const field = describeValues(
            { id: name, group: 'behaviour', label: name, type: t },
            prop.values,
          );
          return { name, type: t, suggestions: field.suggestions };
        }),
      };
    });
}
