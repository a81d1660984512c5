import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { explainCustomer, type CustomerFigures } from './explain.ts';
import { frequentBuyer, lapsedBuyer, oneTimeBuyer } from './explain.fixture.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/**
 * French as typed in these tests, with the spaces French typography wants: a no-break space before
 * « : », « % » and « € », a narrow one before « ; » and between thousands (« 1 234 »).
 */
function fr(text: string): string {
  return text
    .replace(/ ([:%€$])/g, `${NBSP}$1`)
    .replace(/ ;/g, `${NNBSP};`)
    .replace(/(\d) (\d{3})\b/g, `$1${NNBSP}$2`);
}

const explainFr = (figures: CustomerFigures) => explainCustomer(figures, 'fr');
const textsFr = (figures: CustomerFigures) => explainFr(figures).drivers.map((d) => d.text);

describe('a customer’s scores explained in French', () => {
  test('a frequent buyer on their rhythm: recency, frequency and spend all raise the score', () => {
    const { headline, drivers } = explainFr(frequentBuyer);
    expect(headline).toBe(
      fr(
        '72,3 % de chances de commander dans les 30 prochains jours (91e centile) ; risque de churn faible ; valeur prédite 312,40 € (92e centile) ; prochaine commande vers le 4 déc. 2026 si le client reste actif.',
      ),
    );
    expect(drivers).toEqual([
      {
        factor: 'recency',
        direction: 'up',
        text: fr(
          'Dernière commande il y a 12 jours, pour un intervalle habituel de 41 jours entre deux commandes : toujours à son rythme.',
        ),
      },
      {
        factor: 'frequency',
        direction: 'up',
        text: fr(
          'A acheté à 14 dates différentes en 2 ans : parmi les 5 % de clients qui achètent le plus souvent.',
        ),
      },
      {
        factor: 'monetary',
        direction: 'up',
        text: fr(
          'Dépense en moyenne 48,20 € par date d’achat, retours déduits, plus que 81 % des clients : cela fait monter sa valeur prédite.',
        ),
      },
    ]);
  });

  test('a lapsed buyer: the silence against their own rhythm is what lowers the score', () => {
    const { headline, drivers } = explainFr(lapsedBuyer);
    expect(headline).toBe(
      fr(
        '3,4 % de chances de commander dans les 30 prochains jours (18e centile) ; risque de churn élevé ; valeur prédite 9,50 € (30e centile).',
      ),
    );
    expect(drivers.map((d) => [d.factor, d.direction, d.text])).toEqual([
      [
        'recency',
        'down',
        fr(
          'Dernière commande il y a 212 jours, soit 5 fois son intervalle habituel de 41 jours entre deux commandes : c’est ce qui fait baisser le score.',
        ),
      ],
      [
        'frequency',
        'up',
        fr(
          'A acheté à 8 dates différentes en 16 mois : parmi les 20 % de clients qui achètent le plus souvent.',
        ),
      ],
      [
        'monetary',
        'down',
        fr(
          'Dépense en moyenne 12,10 € par date d’achat, retours déduits ; 78 % des clients dépensent autant ou plus : cela fait baisser sa valeur prédite.',
        ),
      ],
    ]);
  });

  test('a one-time buyer is told plainly that only one order is known', () => {
    const { headline, drivers } = explainFr(oneTimeBuyer);
    expect(headline).toBe(
      fr(
        '11,0 % de chances de commander dans les 90 prochains jours (35e centile) ; risque de churn élevé ; valeur prédite 21,30 € (41e centile).',
      ),
    );
    expect(drivers.map((d) => [d.factor, d.direction, d.text])).toEqual([
      [
        'recency',
        'down',
        fr(
          'Une seule commande connue, passée il y a 160 jours, et rien depuis : ce silence fait baisser le score.',
        ),
      ],
      [
        'frequency',
        'down',
        fr(
          '0 réachat à ce jour : pas de rythme propre auquel le comparer, le score repose donc sur la durée du silence.',
        ),
      ],
      [
        'monetary',
        'up',
        fr(
          'A dépensé 25,00 € à sa seule date d’achat, retours déduits, plus que 55 % des clients : cela fait monter sa valeur prédite.',
        ),
      ],
    ]);
  });

  test('a recent one-time buyer counts among the active customers', () => {
    const recent = { ...oneTimeBuyer, propensity: { ...oneTimeBuyer.propensity, percentile: 77 } };
    expect(textsFr({ ...recent, daysSinceLastOrder: 9, daysSinceFirstOrder: 9 })[0]).toBe(
      fr(
        'Une seule commande connue, passée il y a 9 jours : assez récente pour compter parmi les clients actifs.',
      ),
    );
    expect(textsFr({ ...recent, daysSinceLastOrder: 0, daysSinceFirstOrder: 0 })[0]).toBe(
      fr(
        'Une seule commande connue, passée aujourd’hui : assez récente pour compter parmi les clients actifs.',
      ),
    );
  });

  test('slightly overdue, a new customer, and no shares to compare with', () => {
    expect(
      textsFr({
        ...frequentBuyer,
        daysSinceLastOrder: 25,
        daysSinceFirstOrder: 60,
        repeatOrders: 2,
        typicalGapDays: 17.5,
        shareWithFewerOrders: undefined,
        shareSpendingLess: undefined,
      }),
    ).toEqual([
      fr(
        'Dernière commande il y a 25 jours, soit 1,4 fois son intervalle habituel de 18 jours entre deux commandes : léger retard.',
      ),
      'A acheté à 3 dates différentes en 2 mois, environ une fois tous les 18 jours.',
      fr('Première commande il y a 60 jours : un nouveau client, qui a déjà recommandé 2 fois.'),
    ]);
  });

  test('a silence just past the usual gap reads « juste au-delà », not « 1 fois »', () => {
    expect(textsFr({ ...frequentBuyer, daysSinceLastOrder: 28, typicalGapDays: 27 })[0]).toBe(
      fr(
        'Dernière commande il y a 28 jours, juste au-delà de son intervalle habituel de 27 jours entre deux commandes : léger retard.',
      ),
    );
  });

  test('an order on the scoring day is « aujourd’hui », one repeat order « une fois »', () => {
    expect(
      textsFr({
        ...frequentBuyer,
        daysSinceLastOrder: 0,
        daysSinceFirstOrder: 30,
        repeatOrders: 1,
        typicalGapDays: 30,
        shareWithFewerOrders: undefined,
      }),
    ).toEqual([
      fr(
        'Dernière commande aujourd’hui, pour un intervalle habituel de 30 jours entre deux commandes : toujours à son rythme.',
      ),
      'A acheté à 2 dates différentes en 30 jours, environ une fois tous les 30 jours.',
      fr(
        'Dépense en moyenne 48,20 € par date d’achat, retours déduits, plus que 81 % des clients : cela fait monter sa valeur prédite.',
      ),
      fr('Première commande il y a 30 jours : un nouveau client, qui a déjà recommandé une fois.'),
    ]);
  });

  test.each<[number, string]>([
    [1, 'il y a 1 jour'],
    [1.4, 'il y a 1 jour'],
    [2, 'il y a 2 jours'],
    [212, 'il y a 212 jours'],
    [1234, 'il y a 1 234 jours'],
  ])('a silence of %d days reads « %s »', (days, text) => {
    const [recency] = textsFr({
      ...lapsedBuyer,
      daysSinceLastOrder: days,
      daysSinceFirstOrder: days + 300,
    });
    expect(recency).toContain(`Dernière commande ${fr(text)},`);
  });

  test('a gap of one day is singular, and a daily buyer buys « une fois par jour »', () => {
    const daily = {
      ...frequentBuyer,
      daysSinceLastOrder: 1,
      daysSinceFirstOrder: 40,
      repeatOrders: 39,
      typicalGapDays: 1,
      shareWithFewerOrders: undefined,
    };
    expect(textsFr(daily).slice(0, 2)).toEqual([
      fr(
        'Dernière commande il y a 1 jour, pour un intervalle habituel de 1 jour entre deux commandes : toujours à son rythme.',
      ),
      'A acheté à 40 dates différentes en 40 jours, environ une fois par jour.',
    ]);
  });

  test.each<[number, string]>([
    [1, '1 jour'],
    [45, '45 jours'],
    [61, '2 mois'],
    [365, '12 mois'],
    [500, '16 mois'],
    [730, '2 ans'],
    [913, '2,5 ans'],
    [4018, '11 ans'],
  ])('a customer for %d days bought « en %s »', (days, span) => {
    const [, frequency] = textsFr({
      ...frequentBuyer,
      daysSinceLastOrder: 0,
      daysSinceFirstOrder: days,
      repeatOrders: 1,
      typicalGapDays: days,
    });
    expect(frequency).toContain(`A acheté à 2 dates différentes en ${span}${NBSP}:`);
  });

  test.each<[number, string]>([
    [0, '1er centile'],
    [0.4, '1er centile'],
    [1, '1er centile'],
    [2, '2e centile'],
    [11, '11e centile'],
    [91.2, '91e centile'],
    [100, '100e centile'],
  ])('a percentile of %d reads « %s »', (percentile, text) => {
    const { headline } = explainFr({
      ...frequentBuyer,
      propensity: { ...frequentBuyer.propensity, percentile },
    });
    expect(headline).toContain(`(${text})`);
  });

  test.each<[number, string]>([
    [0, '0,0 %'],
    [0.0004, '0,0 %'],
    [0.0005, '0,1 %'],
    [0.004, '0,4 %'],
    [0.034, '3,4 %'],
    [0.1, '10,0 %'],
    [0.723, '72,3 %'],
    [0.997, '99,7 %'],
    [1, '100,0 %'],
  ])('a propensity of %d reads « %s »', (probability, text) => {
    const { headline } = explainFr({
      ...frequentBuyer,
      propensity: { ...frequentBuyer.propensity, probability },
    });
    expect(headline.startsWith(fr(`${text} de chances de commander`))).toBe(true);
  });

  test.each<[number, string]>([
    [0, 'aucun client n’a acheté moins souvent'],
    [0.9, 'aucun client n’a acheté moins souvent'],
    [1, 'seul 1 % des clients a acheté moins souvent'],
    [1.9, 'seul 1 % des clients a acheté moins souvent'],
    [2, 'seuls 2 % des clients ont acheté moins souvent'],
    [12.8, 'seuls 12 % des clients ont acheté moins souvent'],
    [49.9, 'seuls 49 % des clients ont acheté moins souvent'],
  ])('with %d % buying less often: « %s »', (share, text) => {
    const [, frequency] = textsFr({ ...lapsedBuyer, repeatOrders: 1, shareWithFewerOrders: share });
    expect(frequency).toBe(fr(`A acheté à 2 dates différentes en 16 mois : ${text}.`));
  });

  test.each<[number, string]>([
    [0, 'aucun client ne dépense moins'],
    [22.4, '78 % des clients dépensent autant ou plus'],
    [49.5, '51 % des clients dépensent autant ou plus'],
  ])('a low spender with %d % spending less: « %s »', (share, text) => {
    const [, , monetary] = textsFr({ ...lapsedBuyer, shareSpendingLess: share });
    expect(monetary).toBe(
      fr(
        `Dépense en moyenne 12,10 € par date d’achat, retours déduits ; ${text} : cela fait baisser sa valeur prédite.`,
      ),
    );
  });

  test.each<[number, string]>([
    [50, 'plus que 50 % des clients'],
    [99.9, 'plus que 99 % des clients'],
    [100, 'plus que tous les autres clients'],
  ])('a high spender with %d % spending less: « %s »', (share, text) => {
    const [, , monetary] = textsFr({ ...frequentBuyer, shareSpendingLess: share });
    expect(monetary).toBe(
      fr(
        `Dépense en moyenne 48,20 € par date d’achat, retours déduits, ${text} : cela fait monter sa valeur prédite.`,
      ),
    );
  });

  test('amounts in thousands, another currency, and a 24-hour horizon', () => {
    const rich = explainFr({
      ...frequentBuyer,
      averageSpend: 1234.56,
      predictedClv: { value: 12345.6, percentile: 99.5 },
      propensity: { horizonDays: 1, probability: 0.125, percentile: 99.5 },
    });
    expect(rich.headline).toBe(
      fr(
        '12,5 % de chances de commander dans les prochaines 24 heures (99e centile) ; risque de churn faible ; valeur prédite 12 345,60 € (99e centile) ; prochaine commande vers le 4 déc. 2026 si le client reste actif.',
      ),
    );
    expect(rich.drivers[2]?.text).toContain(
      fr('Dépense en moyenne 1 234,56 € par date d’achat, retours déduits'),
    );
    expect(explainFr({ ...frequentBuyer, currency: 'USD' }).headline).toContain(
      fr('valeur prédite 312,40 $US'),
    );
  });

  test('a next order more than a year away is said so, not dated; none known, nothing said', () => {
    const far = explainFr({
      ...oneTimeBuyer,
      churnBand: 'medium',
      expectedNextOrder: { date: '2041-05-11', inDays: 5100 },
    });
    expect(far.headline).toBe(
      fr(
        '11,0 % de chances de commander dans les 90 prochains jours (35e centile) ; risque de churn moyen ; valeur prédite 21,30 € (41e centile) ; aucune commande attendue d’ici un an, même si le client reste actif.',
      ),
    );
    expect(
      explainFr({ ...oneTimeBuyer, predictedClv: null, expectedNextOrder: null }).headline,
    ).toBe(
      fr(
        '11,0 % de chances de commander dans les 90 prochains jours (35e centile) ; risque de churn élevé.',
      ),
    );
  });

  test('impossible figures are refused in French as in English', () => {
    expect(() => explainFr({ ...frequentBuyer, daysSinceLastOrder: -1 })).toThrow(
      /daysSinceLastOrder is -1/,
    );
    expect(() => explainFr({ ...frequentBuyer, shareSpendingLess: 101 })).toThrow(
      /shareSpendingLess is 101/,
    );
  });
});

describe('French says what English says', () => {
  const figures = fc
    .record({
      daysSinceLastOrder: fc.integer({ min: 0, max: 3000 }),
      extraTenure: fc.integer({ min: 0, max: 1500 }),
      repeatOrders: fc.integer({ min: 0, max: 60 }),
      averageSpend: fc.option(fc.double({ min: 0, max: 5000, noNaN: true })),
      percentile: fc.double({ min: 0, max: 100, noNaN: true }),
      compared: fc.boolean(),
      nextInDays: fc.option(fc.integer({ min: 0, max: 4000 })),
    })
    .map((r): CustomerFigures => {
      const tenure =
        r.daysSinceLastOrder + (r.repeatOrders > 0 ? Math.max(r.extraTenure, r.repeatOrders) : 0);
      return {
        ...frequentBuyer,
        daysSinceLastOrder: r.daysSinceLastOrder,
        daysSinceFirstOrder: tenure,
        repeatOrders: r.repeatOrders,
        typicalGapDays:
          r.repeatOrders > 0 ? (tenure - r.daysSinceLastOrder) / r.repeatOrders || null : null,
        averageSpend: r.averageSpend,
        shareWithFewerOrders: r.compared ? r.percentile : undefined,
        shareSpendingLess: r.compared ? 100 - r.percentile : undefined,
        propensity: { horizonDays: 90, probability: r.percentile / 100, percentile: r.percentile },
        expectedNextOrder:
          r.nextInDays === null ? null : { date: '2027-01-10', inDays: r.nextInDays },
      };
    });

  test('the same drivers, the same way, each with a figure, in French typography', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const en = explainCustomer(f, 'en');
        const french = explainCustomer(f, 'fr');
        expect(french.drivers.map((d) => [d.factor, d.direction])).toEqual(
          en.drivers.map((d) => [d.factor, d.direction]),
        );
        for (const text of [french.headline, ...french.drivers.map((d) => d.text)]) {
          expect(text).toMatch(/\d|aujourd’hui/);
          // No ordinary space before French high punctuation or a unit, none left in a number.
          expect(text).not.toMatch(/ [:;%€]|\d \d/);
          // Nothing left in English, no plural after 0 or 1.
          expect(text).not.toMatch(/\b(days?|ago|months?|years?|percentile|times?)\b/);
          expect(text).not.toMatch(/(^|[^\d,\u202f])[01] (jours|ans|fois)\b/);
          expect(text).toMatch(/^[A-Z0-9ÀÉÈÊ]/);
          expect(text.endsWith('.')).toBe(true);
        }
      }),
    );
  });
});
