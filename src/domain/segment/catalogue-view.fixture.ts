// A small field catalogue shaped like the API's, shared by the segment tests.
import type {
  CatalogueFieldView,
  FieldCatalogue,
  FieldGroup,
  FieldType,
} from './catalogue-view.ts';

function field(
  id: string,
  group: FieldGroup,
  label: string,
  type: FieldType,
  values: readonly string[] = [],
): CatalogueFieldView {
  return { id, group, label, type, suggestions: values.map((value) => ({ value, count: 1 })) };
}

export const testCatalogue: FieldCatalogue = {
  fields: [
    field('customer.first_name', 'attribute', 'First name', 'string'),
    field('customer.city', 'attribute', 'City', 'string', ['Paris', 'Lyon']),
    field('customer.gender', 'attribute', 'Gender', 'enum', ['f', 'm', 'x']),
    field('customer.birth_date', 'attribute', 'Birth date', 'date'),
    field('customer.loyalty_tier', 'attribute', 'Loyalty tier', 'enum', ['none', 'silver', 'gold']),
    field('customer.language', 'attribute', 'Language', 'enum'),
    field('customer.children', 'attribute', 'Number of children', 'number'),
    field('customer.newsletter', 'attribute', 'Newsletter subscriber', 'boolean'),
    field('order.channel', 'order', 'Order channel', 'enum', [
      'web',
      'app',
      'store',
      'call_centre',
    ]),
    field('order.store_id', 'order', 'Store', 'string', ['S01', 'S02']),
    field('order.status', 'order', 'Order status', 'enum', ['completed', 'returned']),
    field('order.promo_code', 'order', 'Promo code', 'string'),
    field('order.payment_method', 'order', 'Payment method', 'enum', ['card', 'paypal', 'cash']),
    field('order.placed_at', 'order', 'Order date', 'date'),
    field('line.sku', 'order_line', 'Product SKU', 'string'),
    field('line.qty', 'order_line', 'Quantity', 'number'),
    field('line.unit_price_cents', 'order_line', 'Unit price (€)', 'number'),
    field('line.category', 'order_line', 'Product category', 'enum', ['books', 'films', 'music']),
    field('line.subcategory', 'order_line', 'Product subcategory', 'string'),
    field('line.format', 'order_line', 'Product format', 'string', ['blu_ray', 'dvd', '4k']),
    field('line.brand', 'order_line', 'Brand', 'string'),
    field('aggregate.order_count', 'aggregate', 'Number of orders', 'number'),
    field('aggregate.total_spend_cents', 'aggregate', 'Total spend (€)', 'number'),
    field('reachability.consent_email', 'reachability', 'Email consent', 'enum'),
    field('score.churn_band', 'score', 'Churn risk', 'enum', ['low', 'medium', 'high']),
    field('score.clv_cents', 'score', 'Predicted lifetime value (€)', 'number'),
    field('score.rfm_cell', 'score', 'RFM cell', 'enum'),
  ],
  event_types: [
    {
      type: 'email_open',
      label: 'Opened an email',
      properties: [{ name: 'campaign_id', type: 'string', suggestions: [] }],
    },
    {
      type: 'product_view',
      label: 'Viewed a product',
      properties: [
        { name: 'category', type: 'string', suggestions: [{ value: 'films' }] },
        { name: 'price_cents', type: 'number', suggestions: [] },
        { name: 'in_stock', type: 'boolean', suggestions: [] },
      ],
    },
    {
      type: 'search',
      label: 'Searched',
      properties: [{ name: 'query', type: 'string', suggestions: [] }],
    },
  ],
};
