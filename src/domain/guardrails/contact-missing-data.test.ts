import { describe, expect, test } from 'vitest';
import { customerRow, historyOf } from '../profile/history.fixture.ts';
import { email, recipient } from '../template/render.fixture.ts';
import type {
  TemplateFallback,
  TemplateRenderResult,
  TemplateWarning,
} from '../template/result.ts';
import { contactInput, parsed } from './contact.fixture.ts';
import { fieldOfToken, missingData, tokenAt } from './contact-missing-data.ts';

const message = {
  channel: 'email',
  subject: 'Bonjour',
  preheader: '',
  html: '<p>Bonjour</p>',
} as const;

const rendered = (
  fallbacks: TemplateFallback[] = [],
  warnings: TemplateWarning[] = [],
): TemplateRenderResult => ({ ok: true, message, fallbacks, removed_links: [], warnings });

const fallback = (over: Partial<TemplateFallback> = {}): TemplateFallback => ({
  part: 'subject',
  line: 1,
  column: 1,
  token: "{{ customer.first_name | default: 'Bonjour' }}",
  field: 'customer.first_name',
  raw: 'XXX',
  reason: 'placeholder',
  replacement: 'Bonjour',
  ...over,
});

const warning = (
  over: Partial<TemplateWarning> & Pick<TemplateWarning, 'code'>,
): TemplateWarning => ({
  part: 'html',
  line: 1,
  column: 1,
  params: {},
  ...over,
});

function check(
  render: TemplateRenderResult | null,
  template?: Record<string, string>,
  first_name = 'XXX',
) {
  const history = historyOf({ customer: customerRow({ first_name, city: null }) });
  return parsed(
    'missing_data',
    missingData(contactInput({ history, render, ...(template ? { template } : {}) })),
  );
}

describe('missing_data from a render', () => {
  test('no render, or a template that failed: nothing to say here', () => {
    expect(check(null)).toEqual([]);
    const failed: TemplateRenderResult = {
      ok: false,
      error: { code: 'syntax', message: 'bad', part: 'html', line: 1, column: 1, params: {} },
    };
    expect(check(failed)).toEqual([]);
    expect(check(rendered())).toEqual([]);
  });

  test('a fallback warns, with its figures and the customer field it read', () => {
    expect(check(rendered([fallback()]))).toEqual([
      {
        guardrail: 'missing_data',
        severity: 'warn',
        params: {
          rule: 'fallback',
          field: 'customer.first_name',
          token: "{{ customer.first_name | default: 'Bonjour' }}",
          raw: 'XXX',
          reason: 'placeholder',
          replacement: 'Bonjour',
        },
        evidence: [{ kind: 'customer_field', field: 'first_name', value: 'XXX' }],
      },
    ]);
  });

  test('a fallback on a field that is not the customer record’s has no evidence', () => {
    const offer = fallback({
      field: 'offer.title',
      token: "{{ offer.title | default: 'Offre' }}",
      raw: null,
      reason: 'missing',
    });
    expect(check(rendered([offer]))[0]?.evidence).toEqual([]);
    const expression = fallback({ field: null, token: "{{ 'a' | append: x | default: 'b' }}" });
    expect(check(rendered([expression]))[0]?.evidence).toEqual([]);
  });

  test.each([
    ['customer.last_name', 'last_name', 'Martin'],
    ['customer.city', 'city', null],
  ] as const)('%s points at the %s field', (field, own, value) => {
    const verdicts = check(rendered([fallback({ field, raw: null, reason: 'missing' })]));
    expect(verdicts[0]?.evidence).toEqual([{ kind: 'customer_field', field: own, value }]);
  });

  test('an empty token blocks; the field is read from the token when it is one', () => {
    const empty = warning({ code: 'empty_token', params: { token: '{{ customer.city }}' } });
    expect(check(rendered([], [empty]))).toEqual([
      {
        guardrail: 'missing_data',
        severity: 'block',
        params: {
          rule: 'empty',
          field: 'customer.city',
          token: '{{ customer.city }}',
          raw: null,
          reason: null,
          replacement: null,
        },
        evidence: [{ kind: 'customer_field', field: 'city', value: null }],
      },
    ]);
    const expression = warning({
      code: 'empty_token',
      params: { token: "{{ 'a' | remove: 'a' }}" },
    });
    expect(check(rendered([], [expression]))[0]?.params).toMatchObject({
      field: null,
      token: "{{ 'a' | remove: 'a' }}",
    });
    expect(check(rendered([], [expression]))[0]?.evidence).toEqual([]);
  });

  test('a junk salutation without default blocks, with the token as written in the template', () => {
    const html = '<p>Cher client,</p>\n<p>Bonjour {{ customer.first_name | upcase }} !</p>';
    const junk = warning({
      code: 'junk_without_default',
      line: 2,
      column: 12,
      params: { field: 'customer.first_name', reason: 'placeholder', raw: 'XXX' },
    });
    expect(check(rendered([], [junk]), { html })).toEqual([
      {
        guardrail: 'missing_data',
        severity: 'block',
        params: {
          rule: 'junk',
          field: 'customer.first_name',
          token: '{{ customer.first_name | upcase }}',
          raw: 'XXX',
          reason: 'placeholder',
          replacement: null,
        },
        evidence: [{ kind: 'customer_field', field: 'first_name', value: 'XXX' }],
      },
    ]);
  });

  test('a junk warning whose place cannot be read falls back to the field', () => {
    const noPlace = warning({
      code: 'junk_without_default',
      line: null,
      column: null,
      params: { field: 'customer.first_name', reason: 'odd', raw: 'XXX' },
    });
    expect(check(rendered([], [noPlace]))[0]?.params).toMatchObject({
      token: 'customer.first_name',
      reason: null,
    });
    const noPart = warning({
      code: 'junk_without_default',
      part: null,
      params: { field: 'customer.first_name' },
    });
    expect(check(rendered([], [noPart]))[0]?.params).toMatchObject({
      token: 'customer.first_name',
      raw: null,
    });
    const nothing = warning({ code: 'junk_without_default', part: null, params: {} });
    expect(check(rendered([], [nothing]))[0]?.params).toMatchObject({ token: '', field: null });
  });

  test('a junk warning at a place the template lacks: the field stands for the token', () => {
    const html = 'Bon {{ customer.first_name }}';
    const noLine = warning({
      code: 'junk_without_default',
      line: null,
      column: 5,
      params: { field: 'customer.first_name', reason: 'placeholder', raw: 'XXX' },
    });
    expect(check(rendered([], [noLine]), { html })[0]?.params.token).toBe('customer.first_name');
    const otherPart = warning({
      code: 'junk_without_default',
      part: 'link',
      column: 5,
      params: { field: 'customer.first_name' },
    });
    expect(check(rendered([], [otherPart]), { html })[0]?.params.token).toBe('customer.first_name');
    const found = warning({
      code: 'junk_without_default',
      column: 5,
      params: { field: 'customer.first_name' },
    });
    expect(check(rendered([], [found]), { html })[0]?.params.token).toBe(
      '{{ customer.first_name }}',
    );
  });

  test('other warnings are not missing data', () => {
    const others: TemplateWarning[] = [
      warning({ code: 'unknown_field', params: { field: 'customer.email' } }),
      warning({ code: 'sms_stop_missing' }),
      warning({ code: 'too_many_fallbacks', params: { listed: 50 } }),
    ];
    expect(check(rendered([], others))).toEqual([]);
  });

  test('blocking verdicts come first, each fallback and warning its own verdict', () => {
    const verdicts = check(
      rendered(
        [
          fallback(),
          fallback({ part: 'html', field: 'customer.last_name', raw: null, reason: 'missing' }),
        ],
        [warning({ code: 'empty_token', params: { token: '{{ customer.city }}' } })],
      ),
    );
    expect(verdicts.map((v) => [v.severity, v.params.rule])).toEqual([
      ['block', 'empty'],
      ['warn', 'fallback'],
      ['warn', 'fallback'],
    ]);
  });
});

describe('missing_data from the real renderer', () => {
  test('reads the engine’s fallbacks and warnings as they are', async () => {
    const subject = "{{ customer.first_name | default: 'Bonjour' }}, c’est pour vous";
    const html = '<p>Bonjour {{ customer.first_name }},</p>\n<p>À {{ customer.city }} !</p>';
    const who = recipient({ first_name: 'XXX', city: null });
    const render = await email(html, who, subject);
    const verdicts = check(render, { subject, html });
    expect(verdicts.map((v) => v.params)).toEqual([
      {
        rule: 'junk',
        field: 'customer.first_name',
        token: '{{ customer.first_name }}',
        raw: 'XXX',
        reason: 'placeholder',
        replacement: null,
      },
      {
        rule: 'empty',
        field: 'customer.city',
        token: '{{ customer.city }}',
        raw: null,
        reason: null,
        replacement: null,
      },
      {
        rule: 'fallback',
        field: 'customer.first_name',
        token: "{{ customer.first_name | default: 'Bonjour' }}",
        raw: 'XXX',
        reason: 'placeholder',
        replacement: 'Bonjour',
      },
    ]);
  });
});

describe('tokenAt', () => {
  const source = 'Bonjour {{ a }}\n  {%- if b %}x{% endif %}\n{{ c';

  test('reads an output or a tag from its opening braces to its closing ones', () => {
    expect(tokenAt(source, 1, 9)).toBe('{{ a }}');
    expect(tokenAt(source, 2, 3)).toBe('{%- if b %}');
    expect(tokenAt('{{ x }}', 1, 1)).toBe('{{ x }}');
  });

  test('null where no token starts, or it never closes', () => {
    expect(tokenAt(source, 1, 1)).toBeNull();
    expect(tokenAt(source, 1, 10)).toBeNull();
    expect(tokenAt(source, 3, 1)).toBeNull();
    expect(tokenAt(source, 2, 2)).toBeNull();
    expect(tokenAt('{% x }}', 1, 1)).toBeNull();
    expect(tokenAt('{{ x %}', 1, 1)).toBeNull();
    // Text after the place is not a closing.
    expect(tokenAt('a {{ b }} null', 1, 1)).toBeNull();
  });

  test('the closing braces are looked for after the opening ones', () => {
    expect(tokenAt('}}{{ x }}', 1, 3)).toBe('{{ x }}');
    expect(tokenAt('{{}}', 1, 1)).toBe('{{}}');
  });
});

describe('fieldOfToken', () => {
  test.each([
    ['{{ customer.first_name }}', 'customer.first_name'],
    ['{{customer.city}}', 'customer.city'],
    ['{{- customer.city -}}', 'customer.city'],
    ['{{ customer.city | upcase }}', 'customer.city'],
    ['{{ recommendations[0].title }}', 'recommendations[].title'],
    ['{{ recommendations[10].title }}', 'recommendations[].title'],
    ['x{{ customer.city }}', null],
    ['{{ customer.email }}', null],
    ["{{ 'texte' }}", null],
    ['{{ customer.city.size }}', null],
    ['{% echo customer.city %}', null],
    ['customer.city', null],
    ['{{ customer.city + 1 }}', null],
  ])('%s reads %s', (token, field) => {
    expect(fieldOfToken(token)).toBe(field);
  });
});
