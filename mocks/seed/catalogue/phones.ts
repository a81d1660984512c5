// The phones phases: smartphones by storage (one work per model), then cases that require a phone.
import type { Product } from '../../../src/domain/profile/schema.ts';
import { iso } from '../time.ts';
import { price, type ProductMaker } from './maker.ts';

const PHONES: readonly {
  title: string;
  brand: string;
  price: number;
  launched: number;
  storage: readonly number[];
}[] = [
  { title: 'Apple iPhone 17', brand: 'Apple', price: 96_900, launched: 0.18, storage: [256, 512] },
  {
    title: 'Apple iPhone 17 Pro',
    brand: 'Apple',
    price: 132_900,
    launched: 0.18,
    storage: [256, 512, 1000],
  },
  { title: 'Apple iPhone 16', brand: 'Apple', price: 86_900, launched: 1.18, storage: [128, 256] },
  { title: 'Apple iPhone 16e', brand: 'Apple', price: 66_900, launched: 0.72, storage: [128, 256] },
  { title: 'Apple iPhone 15', brand: 'Apple', price: 76_900, launched: 2.18, storage: [128] },
  {
    title: 'Samsung Galaxy S25',
    brand: 'Samsung',
    price: 90_900,
    launched: 0.8,
    storage: [128, 256],
  },
  {
    title: 'Samsung Galaxy S25 Ultra',
    brand: 'Samsung',
    price: 141_900,
    launched: 0.8,
    storage: [256, 512],
  },
  { title: 'Samsung Galaxy S24', brand: 'Samsung', price: 80_900, launched: 1.8, storage: [128] },
  {
    title: 'Samsung Galaxy A56 5G',
    brand: 'Samsung',
    price: 49_900,
    launched: 0.7,
    storage: [128, 256],
  },
  { title: 'Samsung Galaxy A16', brand: 'Samsung', price: 19_900, launched: 1.9, storage: [128] },
  { title: 'Google Pixel 10', brand: 'Google', price: 89_900, launched: 0.25, storage: [128, 256] },
  {
    title: 'Google Pixel 10 Pro',
    brand: 'Google',
    price: 109_900,
    launched: 0.25,
    storage: [128, 256],
  },
  { title: 'Google Pixel 9a', brand: 'Google', price: 54_900, launched: 0.6, storage: [128] },
  {
    title: 'Xiaomi Redmi Note 14',
    brand: 'Xiaomi',
    price: 22_990,
    launched: 1.8,
    storage: [128, 256],
  },
  { title: 'Xiaomi 15', brand: 'Xiaomi', price: 99_990, launched: 0.7, storage: [256, 512] },
  { title: 'Fairphone 6', brand: 'Fairphone', price: 59_900, launched: 0.4, storage: [256] },
  { title: 'Fairphone 5', brand: 'Fairphone', price: 49_900, launched: 3.2, storage: [256] },
  { title: 'OnePlus 13', brand: 'OnePlus', price: 89_900, launched: 0.8, storage: [256, 512] },
  {
    title: 'Nothing Phone (3a)',
    brand: 'Nothing',
    price: 32_900,
    launched: 0.65,
    storage: [128, 256],
  },
  { title: 'Crosscall Core-Z5', brand: 'Crosscall', price: 54_990, launched: 3.0, storage: [128] },
];

/** Every phone, one product per storage size (returned, for the cases). */
export function addPhones(make: ProductMaker): Product[] {
  const { add, launchedYearsBack, nextSku, nextWork } = make;
  const phones: Product[] = [];
  for (const item of PHONES) {
    const work = item.storage.length > 1 ? nextWork('PH') : null;
    for (const storage of item.storage) {
      const extra = (storage / 128 - 1) * 12_000;
      phones.push(
        add({
          sku: nextSku('PH'),
          title: `${item.title} ${storage >= 1000 ? '1 To' : `${storage} Go`}`,
          category: 'phones',
          subcategory: 'smartphone',
          brand: item.brand,
          format: null,
          price_cents: Math.round(item.price + Math.max(0, extra)),
          launched_at: iso(launchedYearsBack(item.launched)),
          requires: null,
          work_id: work,
        }),
      );
    }
  }
  return phones;
}

export function addPhoneCases(make: ProductMaker, phones: readonly Product[]): void {
  const { rng, add, nextSku } = make;
  for (const phone of phones.filter(() => rng.chance(0.5))) {
    add({
      sku: nextSku('PH'),
      title: `Coque de protection pour ${phone.title.replace(/ \d+ (Go|To)$/, '')}`,
      category: 'phones',
      subcategory: 'coque',
      brand: rng.pick(['Otterbox', 'Spigen', 'Muvit', phone.brand]),
      format: null,
      price_cents: price(rng, 15, 50),
      launched_at: phone.launched_at,
      requires: phone.sku,
      work_id: null,
    });
  }
}
