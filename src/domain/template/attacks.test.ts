// Templates written to hang, exhaust or escape the renderer: each stops with a clear error or is
// neutralised, within one second (measured).
import { describe, expect, test } from 'vitest';
import type { TemplateRenderResult } from './result.ts';
import { email, html, rendered } from './render.fixture.ts';

const SECOND = 1_000;

async function timed(template: string): Promise<{ result: TemplateRenderResult; ms: number }> {
  const started = Date.now();
  const result = await email(template);
  return { result, ms: Date.now() - started };
}

async function stops(template: string, codes: readonly string[]) {
  const { result, ms } = await timed(template);
  expect(ms).toBeLessThan(SECOND);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(codes).toContain(result.error.code);
  return result;
}

const nested = (open: string, close: string, depth: number, inner = 'x') =>
  open.repeat(depth) + inner + close.repeat(depth);

describe('loops and size', () => {
  test('a loop that would run for ever stops, at its line', async () => {
    // 2^35 passes over the two recommendations: the time limit stops it, or, on a machine slow
    // enough, the memory limit first (every loop entered counts against it).
    const loops = nested('{% for r in recommendations %}', '{% endfor %}', 35, '{{ r.title }}');
    const result = await stops(`a\n${loops}`, ['render_time', 'memory']);
    if (!result.ok) expect(result.error).toMatchObject({ part: 'html', line: 2 });
    if (!result.ok && result.error.code === 'render_time')
      expect(result.error).toMatchObject({ params: { max_ms: 500 } });
  });

  test('loops over ranges that would run for ever stop, by time or by memory', async () => {
    await stops(
      '{% for a in (1..100000) %}{% for b in (1..100000) %}{% for c in (1..100000) %}x{% endfor %}{% endfor %}{% endfor %}',
      ['render_time', 'memory'],
    );
  });

  test('a huge range stops on the memory limit', async () => {
    await stops('{% for a in (1..1000000000) %}x{% endfor %}', ['memory']);
  });

  test('a string doubled until it fills memory stops', async () => {
    await stops(
      '{% assign s = "xxxxxxxxxx" %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}',
      ['memory'],
    );
  });

  test('a replace that multiplies a string stops', async () => {
    await stops(`{{ 'xxxxxxxxxx' ${"| replace: 'x', 'xxxxxxxxxx' ".repeat(10)}}}`, ['memory']);
  });

  test('a huge output stops, by time or by size', async () => {
    await stops(
      '{% for a in (1..2000) %}{% for b in (1..2000) %}xxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}',
      ['render_time', 'output_too_large', 'memory'],
    );
  });

  test('a capture grown in a loop stops', async () => {
    await stops(
      '{% capture c %}{% for a in (1..3000) %}{% for b in (1..3000) %}xxxxxxxxxx{% endfor %}{% endfor %}{% endcapture %}{{ c.size }}',
      ['render_time', 'memory', 'output_too_large'],
    );
  });

  test('a tablerow over a huge range stops', async () => {
    await stops('{% tablerow i in (1..100000000) %}{{ i }}{% endtablerow %}', ['memory']);
  });

  test('a template longer than the parse limit is refused before parsing', async () => {
    await stops('x'.repeat(200_001), ['too_long']);
  });
});

describe('nesting', () => {
  test.each([
    ['if', '{% if true %}', '{% endif %}'],
    ['for', '{% for i in (1..1) %}', '{% endfor %}'],
    ['unless', '{% unless false %}', '{% endunless %}'],
    ['capture', '{% capture c %}', '{% endcapture %}'],
    ['case', '{% case 1 %}{% when 1 %}', '{% endcase %}'],
  ])(
    '%s blocks nested 5,000 deep are refused with the first one too deep',
    async (_, open, close) => {
      const result = await stops(nested(open, close, 5_000), ['too_deep']);
      if (!result.ok) expect(result.error).toMatchObject({ line: 1, params: { max: 40 } });
    },
  );

  test('blocks nested in the liquid tag count too', async () => {
    const lines = nested('if true\n', 'endif\n', 3_000, 'echo 1\n');
    await stops(`{% liquid\n${lines}%}`, ['too_deep']);
  });

  test('a raw block’s text opens no block', async () => {
    const { result, ms } = await timed(`{% raw %}${'{% if true %}'.repeat(100)}{% endraw %}ok`);
    expect(ms).toBeLessThan(SECOND);
    expect(rendered(result).message).toMatchObject({ html: `${'{% if true %}'.repeat(100)}ok` });
  });

  test('40 nested blocks are fine', async () => {
    expect(await html(nested('{% if true %}', '{% endif %}', 40))).toBe('x');
  });

  test('deeply nested brackets and a long filter chain stop or render, quickly', async () => {
    for (const template of [
      `{{ ${'('.repeat(5_000)}1${')'.repeat(5_000)} }}`,
      `{{ customer.first_name${' | upcase'.repeat(20_000)} }}`,
      `{{ ${'customer.'.repeat(10_000)}x }}`,
      `{% if ${'true and '.repeat(10_000)}true %}x{% endif %}`,
    ]) {
      const { ms } = await timed(template);
      expect(ms, template.slice(0, 30)).toBeLessThan(SECOND);
    }
  });

  test('HTML nested 10,000 deep is sanitised quickly', async () => {
    const { result, ms } = await timed(nested('<div>', '</div>', 10_000));
    expect(ms).toBeLessThan(SECOND);
    expect(result.ok).toBe(true);
  });
});

describe('prototype probes get nothing', () => {
  test.each([
    '{{ customer.__proto__ }}',
    '{{ customer.constructor }}',
    '{{ customer.constructor.name }}',
    '{{ customer.first_name.constructor }}',
    '{{ customer.first_name.constructor.name }}',
    '{{ customer.valueOf }}',
    '{{ customer.toString }}',
    '{{ customer.hasOwnProperty }}',
    '{{ customer.first_name.valueOf }}',
    '{{ customer.first_name.__proto__ }}',
    '{{ recommendations.constructor }}',
    '{{ recommendations.push }}',
    '{{ recommendations.__proto__ }}',
    '{{ __proto__ }}',
    '{{ constructor }}',
    '{{ valueOf }}',
    "{{ customer['__proto__'] }}",
    "{{ customer['constructor']['prototype'] }}",
    '{{ customer.__proto__.__proto__.constructor }}',
    "{{ recommendations | map: 'constructor' | join }}",
    "{{ recommendations | map: '__proto__' | join }}",
    "{{ recommendations | where: 'constructor' | join }}",
    "{{ customer | map: 'valueOf' }}",
    '{{ offer.price.constructor }}',
    '{% for k in customer.constructor %}{{ k }}{% endfor %}',
  ])('%s', async (template) => {
    const started = Date.now();
    const out = await html(template);
    expect(Date.now() - started).toBeLessThan(SECOND);
    expect(out.trim()).toBe('');
  });

  test('assigning to __proto__ pollutes nothing', async () => {
    await html('{% assign __proto__ = customer %}{% assign constructor = 1 %}{{ first_name }}');
    await html("{% capture __proto__ %}polluted{% endcapture %}{% assign x = '' | split: '' %}");
    const plain: Record<string, unknown> = {};
    expect(plain['first_name']).toBeUndefined();
    expect(plain['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });
});

describe('filter abuse is neutralised or stopped', () => {
  test.each([
    ["{{ 'x' | truncate: 1000000000 }}", 'x'],
    ["{{ 'xyz' | slice: 0, 1000000000000 }}", null],
    ['{{ 10 | times: 1e308 | times: 10 }}', null],
    [
      "{{ 'now' | date: '%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y' }}",
      '',
    ],
    ['{{ 1e300 | money }}', ''],
    ["{{ 'x' | default: 'y', allow_false: true, allow_false: true }}", 'x'],
    ['{{ customer | json | size }}', null],
    [
      "{{ 'x' | prepend: 'y' | prepend: 'z' | remove: 'x' | url_encode | base64_encode | base64_decode }}",
      null,
    ],
  ])('%s: within a second, an answer or a limit', async (template, expected) => {
    const { result, ms } = await timed(template);
    expect(ms).toBeLessThan(SECOND);
    if (!result.ok) expect(['memory', 'render_time']).toContain(result.error.code);
    else if (expected !== null) expect(result.message).toMatchObject({ html: expected });
  });

  test.each([
    "{% assign a = (1..900000) %}{{ a | join: 'xxxxxxxxxx' }}",
    '{% assign a = (1..900000) %}{{ a | sort | reverse | uniq | join }}',
    "{{ 'x' | append: 'y' | split: '' | join: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' | split: '' | join: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' | split: '' | join: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' | split: '' | join: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }}",
  ])('%s stops on memory', async (template) => {
    await stops(template, ['memory']);
  });

  test('hundreds of fallbacks are counted, not all listed', async () => {
    const result = rendered(await email("{{ '' | default: 'x' }}\n".repeat(250)));
    expect(result.fallbacks).toHaveLength(200);
    expect(result.warnings).toContainEqual({
      code: 'too_many_fallbacks',
      part: null,
      line: null,
      column: null,
      params: { listed: 200 },
    });
  });
});
