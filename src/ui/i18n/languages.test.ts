import { describe, expect, it } from 'vitest';
import { localeOf, pickLanguage } from './languages.ts';

describe('pickLanguage', () => {
  it('keeps a stored choice over the browser', () => {
    expect(pickLanguage('en', ['fr-FR'])).toBe('en');
    expect(pickLanguage('fr', ['en-US'])).toBe('fr');
  });

  it('ignores a stored value that is not one of ours', () => {
    expect(pickLanguage('de', ['en-US'])).toBe('en');
    expect(pickLanguage({ language: 'en' }, ['fr'])).toBe('fr');
    expect(pickLanguage(null, ['en-GB'])).toBe('en');
  });

  it("takes the first of the browser's languages it speaks, by primary tag", () => {
    expect(pickLanguage(undefined, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(undefined, ['EN-us'])).toBe('en');
  });

  it('falls back to French', () => {
    expect(pickLanguage(undefined, [])).toBe('fr');
    expect(pickLanguage(undefined, ['de', 'it'])).toBe('fr');
  });
});

describe('localeOf', () => {
  it('writes French as in France and English as in the UK', () => {
    expect(localeOf('fr')).toBe('fr-FR');
    expect(localeOf('en')).toBe('en-GB');
  });
});
