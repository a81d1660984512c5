// The hi-fi phase: headphones, speakers, turntables and amplifiers, each in a few colours.
import { iso } from '../time.ts';
import { pickDistinct, type ProductMaker } from './maker.ts';

const HIFI: readonly {
  title: string;
  brand: string;
  price: number;
  sub: string;
  launched: number;
}[] = [
  {
    title: 'Sony WH-1000XM6 casque à réduction de bruit',
    brand: 'Sony',
    price: 44_999,
    sub: 'casque',
    launched: 0.6,
  },
  {
    title: 'Sony WH-1000XM5 casque à réduction de bruit',
    brand: 'Sony',
    price: 34_999,
    sub: 'casque',
    launched: 4.4,
  },
  {
    title: 'Bose QuietComfort Ultra Headphones',
    brand: 'Bose',
    price: 49_995,
    sub: 'casque',
    launched: 2.1,
  },
  {
    title: 'Sennheiser Momentum 4 Wireless',
    brand: 'Sennheiser',
    price: 37_999,
    sub: 'casque',
    launched: 4.2,
  },
  { title: 'JBL Tune 770NC', brand: 'JBL', price: 12_999, sub: 'casque', launched: 3.2 },
  { title: 'Apple AirPods Pro 3', brand: 'Apple', price: 24_900, sub: 'ecouteurs', launched: 0.2 },
  { title: 'Apple AirPods 4', brand: 'Apple', price: 14_900, sub: 'ecouteurs', launched: 1.2 },
  {
    title: 'Samsung Galaxy Buds3 Pro',
    brand: 'Samsung',
    price: 24_900,
    sub: 'ecouteurs',
    launched: 1.3,
  },
  {
    title: 'Marshall Emberton III',
    brand: 'Marshall',
    price: 16_999,
    sub: 'enceinte_bluetooth',
    launched: 2.3,
  },
  { title: 'JBL Charge 5', brand: 'JBL', price: 17_999, sub: 'enceinte_bluetooth', launched: 5.5 },
  { title: 'JBL Flip 6', brand: 'JBL', price: 12_999, sub: 'enceinte_bluetooth', launched: 4.6 },
  {
    title: 'Sonos Era 100',
    brand: 'Sonos',
    price: 27_900,
    sub: 'enceinte_connectee',
    launched: 3.6,
  },
  {
    title: 'Sonos Era 300',
    brand: 'Sonos',
    price: 49_900,
    sub: 'enceinte_connectee',
    launched: 3.6,
  },
  {
    title: 'Sonos Arc Ultra barre de son',
    brand: 'Sonos',
    price: 99_900,
    sub: 'barre_de_son',
    launched: 1.1,
  },
  {
    title: 'Samsung HW-Q800D barre de son',
    brand: 'Samsung',
    price: 69_900,
    sub: 'barre_de_son',
    launched: 2.4,
  },
  {
    title: 'Bose Smart Soundbar',
    brand: 'Bose',
    price: 49_995,
    sub: 'barre_de_son',
    launched: 2.0,
  },
  {
    title: 'Audio-Technica AT-LP120XUSB platine vinyle',
    brand: 'Audio-Technica',
    price: 32_900,
    sub: 'platine_vinyle',
    launched: 7.0,
  },
  {
    title: 'Audio-Technica AT-LP60XBT platine vinyle Bluetooth',
    brand: 'Audio-Technica',
    price: 17_900,
    sub: 'platine_vinyle',
    launched: 6.0,
  },
  {
    title: 'Pro-Ject Debut Carbon EVO platine vinyle',
    brand: 'Pro-Ject',
    price: 59_900,
    sub: 'platine_vinyle',
    launched: 5.0,
  },
  {
    title: 'Technics SL-1500C platine vinyle',
    brand: 'Technics',
    price: 109_900,
    sub: 'platine_vinyle',
    launched: 7.5,
  },
  {
    title: 'Denon PMA-900HNE amplificateur connecté',
    brand: 'Denon',
    price: 89_900,
    sub: 'amplificateur',
    launched: 4.0,
  },
  {
    title: 'Marantz PM6007 amplificateur stéréo',
    brand: 'Marantz',
    price: 59_900,
    sub: 'amplificateur',
    launched: 6.8,
  },
  {
    title: 'Yamaha R-N600A ampli-tuner réseau',
    brand: 'Yamaha',
    price: 69_900,
    sub: 'amplificateur',
    launched: 3.0,
  },
  {
    title: 'Focal Chora 806 paire d’enceintes',
    brand: 'Focal',
    price: 79_900,
    sub: 'enceintes_hifi',
    launched: 6.5,
  },
  {
    title: 'Bowers & Wilkins 607 S3 paire d’enceintes',
    brand: 'Bowers & Wilkins',
    price: 79_900,
    sub: 'enceintes_hifi',
    launched: 3.1,
  },
  {
    title: 'Cabasse Pearl Akoya enceinte connectée',
    brand: 'Cabasse',
    price: 149_000,
    sub: 'enceinte_connectee',
    launched: 4.5,
  },
  {
    title: 'Bang & Olufsen Beosound A1 2nd Gen',
    brand: 'Bang & Olufsen',
    price: 29_900,
    sub: 'enceinte_bluetooth',
    launched: 5.6,
  },
  {
    title: 'Philips radio-réveil DAB+ TAR3505',
    brand: 'Philips',
    price: 4_999,
    sub: 'radio',
    launched: 5.0,
  },
];

const HIFI_COLOURS = ['noir', 'blanc', 'bleu nuit', 'gris', 'vert sauge'] as const;

export function addHifi(make: ProductMaker): void {
  const { rng, add, launchedYearsBack, nextSku } = make;
  for (const item of HIFI) {
    const colours = pickDistinct(rng, HIFI_COLOURS, rng.between(1, 3));
    for (const colour of colours) {
      add({
        sku: nextSku('HF'),
        title: `${item.title}, ${colour}`,
        category: 'hifi',
        subcategory: item.sub,
        brand: item.brand,
        format: null,
        price_cents: item.price,
        launched_at: iso(launchedYearsBack(item.launched)),
        requires: null,
        work_id: null,
      });
    }
  }
}
