// Both languages say the same things: the same keys in every namespace, every message valid ICU,
// and each message's arguments (its {placeholders}, plural and select variables, <tags>) the same
// in French and English, so no translation drops or invents a value.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { namespaces, type Catalogue } from './catalogues.ts';
import { languages } from './languages.ts';

const dir = join(import.meta.dirname, 'locales');

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const read = (language: string, ns: string): Map<string, string> =>
  flatten(JSON.parse(readFileSync(join(dir, language, `${ns}.json`), 'utf8')) as Catalogue);

function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date)
      out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, out);
    }
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      argumentsOf(el.children, out);
    }
  }
  return out;
}

it('every namespace has a file in every language, and no file is left over', () => {
  for (const language of languages) {
    const files = readdirSync(join(dir, language)).sort();
    expect(files).toEqual(namespaces.map((ns) => `${ns}.json`).sort());
  }
});

describe.each(namespaces)('namespace %s', (ns) => {
  const en = read('en', ns);
  const fr = read('fr', ns);

  it('has the same keys in French and English', () => {
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(languages)('every %s message is valid ICU', (language) => {
    for (const [key, message] of read(language, ns)) {
      expect(() => new IntlMessageFormat(message, language), key).not.toThrow();
    }
  });

  it('names no tag after a void HTML element (<Trans> would drop its content)', () => {
    const voids = /<\/?(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)>/i;
    for (const language of languages) {
      for (const [key, message] of read(language, ns)) expect(message, key).not.toMatch(voids);
    }
  });

  it('gives each message the same arguments in both languages', () => {
    for (const [key, message] of en) {
      const french = fr.get(key) ?? '';
      expect([...argumentsOf(parse(french))].sort(), key).toEqual(
        [...argumentsOf(parse(message))].sort(),
      );
    }
  });
});
