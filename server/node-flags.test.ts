import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from './node-flags.ts';

const scripts: Record<string, string> = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const playwright = readFileSync('playwright.config.ts', 'utf8');

describe('the server runs with NODE_FLAGS everywhere', () => {
  it.each(['start', 'serve'])('npm run %s', (name) => {
    for (const flag of NODE_FLAGS) expect(scripts[name]).toContain(`node ${flag}`);
  });

  it('the e2e server', () => {
    for (const flag of NODE_FLAGS)
      expect(playwright).toContain(`node ${flag} --import tsx server/node.ts`);
  });
});
