import { describe, expect, test } from 'vitest';
import type { JunkReason } from './salutation.ts';
import { NOW, email, failed, html, recipient, render, rendered, sms } from './render.fixture.ts';
import { renderTemplate } from './render.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('fallbacks: default replaces empty values and junk salutations', () => {
  const greeting = "{{ customer.first_name | default: 'Bonjour' }}";

  test.each<[string | null, JunkReason]>([
    [null, 'missing'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['XXX', 'placeholder'],
    ['xxx', 'placeholder'],
    ['test', 'placeholder'],
    ['Test', 'placeholder'],
    ['Client', 'placeholder'],
    ['aaa', 'placeholder'],
    ['.', 'no_letters'],
    ['-', 'no_letters'],
    ['J', 'single_letter'],
    ['J.', 'single_letter'],
    ['OLIVIER', 'all_capitals'],
    ['o.martin75', 'email_local_part'],
    ['olivier@example.fr', 'email_local_part'],
    ['Olivier75', 'digits'],
    ['12345', 'digits'],
  ])('first name %j falls back (%s), listed with its token and raw value', async (name, reason) => {
    const who = recipient({ first_name: name, email: 'o.martin75@example.fr' });
    const result = rendered(await email(`<p>${greeting}, c'est nouveau</p>`, who));
    expect(result.message).toMatchObject({ html: "<p>Bonjour, c'est nouveau</p>" });
    expect(result.fallbacks).toEqual([
      {
        part: 'html',
        line: 1,
        column: 4,
        token: greeting,
        field: 'customer.first_name',
        raw: name,
        reason,
        replacement: 'Bonjour',
      },
    ]);
  });

  test.each(['Olivier', 'Jean-Pierre', 'Éloïse', 'olivier'])(
    'first name %j is kept',
    async (name) => {
      const result = rendered(await email(`${greeting}`, recipient({ first_name: name })));
      expect(result.message).toMatchObject({ html: name });
      expect(result.fallbacks).toEqual([]);
    },
  );

  test('a first name equal to a plain e-mail local part is a name (olivier@…)', async () => {
    const result = rendered(
      await email(greeting, recipient({ first_name: 'Olivier', email: 'olivier@x.fr' })),
    );
    expect(result.fallbacks).toEqual([]);
  });

  test('a jdupont first name from jdupont@… is the address, not a name', async () => {
    const who = recipient({ first_name: 'jdupont', last_name: 'Dupont', email: 'jdupont@x.fr' });
    expect(rendered(await email(greeting, who)).fallbacks[0]?.reason).toBe('email_local_part');
  });

  test('capitals are shown in normal case only when the template asks', async () => {
    const who = recipient({ first_name: 'JEAN-PIERRE' });
    expect(await html(greeting, who)).toBe('Bonjour');
    expect(await html("{{ customer.first_name | capitalize | default: 'Bonjour' }}", who)).toBe(
      'Jean-Pierre',
    );
    expect(await html("{{ customer.first_name | default: 'Bonjour' | capitalize }}", who)).toBe(
      'Jean-Pierre',
    );
    expect(await html('{{ customer.first_name | capitalize }}', who)).toBe('Jean-Pierre');
    const plain = rendered(await email('{{ customer.first_name }}', who));
    expect(plain.message).toMatchObject({ html: 'JEAN-PIERRE' });
  });

  test('capitalize does not rescue junk', async () => {
    expect(
      await html(
        "{{ customer.first_name | capitalize | default: 'Bonjour' }}",
        recipient({ first_name: 'XXX' }),
      ),
    ).toBe('Bonjour');
  });

  test('capitalize on other text is Liquid’s: first letter up, the rest down', async () => {
    expect(await html("{{ 'bONJOUR le MONDE' | capitalize }}")).toBe('Bonjour le monde');
    expect(
      await html('{{ customer.city | capitalize }}', recipient({ city: 'SAINT-ÉTIENNE' })),
    ).toBe('Saint-Étienne');
  });

  test('the last name follows the same rules', async () => {
    const result = rendered(
      await email("{{ customer.last_name | default: 'client' }}", recipient({ last_name: 'X' })),
    );
    expect(result.fallbacks[0]).toMatchObject({
      field: 'customer.last_name',
      reason: 'single_letter',
      raw: 'X',
    });
  });

  test('other fields fall back only when empty: capitals and short words are theirs', async () => {
    expect(
      await html("{{ customer.city | default: 'votre ville' }}", recipient({ city: 'PARIS' })),
    ).toBe('PARIS');
    expect(
      await html("{{ customer.city | default: 'votre ville' }}", recipient({ city: null })),
    ).toBe('votre ville');
    expect(
      await html("{{ customer.city | default: 'votre ville' }}", recipient({ city: ' ' })),
    ).toBe('votre ville');
  });

  test('an empty group and an empty list fall back', async () => {
    const noOffer = recipient({}, {});
    const result = rendered(
      await email(
        "{{ offer.title | default: 'nos offres' }}|{{ customer.preferences.interests | default: 'tout' }}",
        noOffer,
      ),
    );
    expect(result.message).toMatchObject({ html: 'nos offres|tout' });
    expect(result.fallbacks.map((f) => [f.field, f.reason, f.raw])).toEqual([
      ['offer.title', 'missing', null],
      ['customer.preferences.interests', 'empty', ''],
    ]);
  });

  test('inside a loop, the field is named through the loop variable, each value listed', async () => {
    const result = rendered(
      await email(
        "{% for r in recommendations %}[{{ r.reason | default: 'Pour vous' }}]{% endfor %}",
      ),
    );
    expect(result.message).toMatchObject({ html: '[Va avec la PS5][Pour vous]' });
    expect(result.fallbacks).toEqual([
      expect.objectContaining({
        field: 'recommendations[].reason',
        reason: 'missing',
        replacement: 'Pour vous',
      }),
    ]);
  });

  test('a fallback fired on every pass of a loop is listed once', async () => {
    const result = rendered(
      await email("{% for i in (1..5) %}{{ offer.url_x | default: 'x' }}{% endfor %}"),
    );
    expect(result.fallbacks).toHaveLength(1);
  });

  test('allow_false keeps false', async () => {
    expect(await html("{{ false | default: 'x', allow_false: true }}")).toBe('false');
    expect(await html("{{ false | default: 'x' }}")).toBe('x');
  });

  test('default works in assign, echo and the liquid tag', async () => {
    const who = recipient({ first_name: 'XXX' });
    const result = rendered(
      await email(
        "{% assign n = customer.first_name | default: 'Bonjour' %}{{ n }}|{% echo customer.first_name | default: 'Salut' %}|{% liquid\necho customer.first_name | default: 'Coucou'\n%}",
        who,
      ),
    );
    expect(result.message).toMatchObject({ html: 'Bonjour|Salut|Coucou' });
    expect(result.fallbacks.map((f) => [f.field, f.line])).toEqual([
      ['customer.first_name', 1],
      ['customer.first_name', 1],
      ['customer.first_name', 2],
    ]);
  });

  test('an expression’s default falls back when empty; its field is unknown', async () => {
    const result = rendered(
      await email("{{ customer.first_name | remove: 'Olivier' | default: 'vous' }}"),
    );
    expect(result.message).toMatchObject({ html: 'vous' });
    expect(result.fallbacks[0]).toMatchObject({ field: 'customer.first_name', reason: 'empty' });
    const literal = rendered(await email("{{ '' | default: 'vous' }}"));
    expect(literal.fallbacks[0]).toMatchObject({ field: null, reason: 'empty' });
  });

  test('the demo campaign’s subject for a customer without a usable first name', async () => {
    const result = rendered(
      await render(
        {
          channel: 'email',
          template: {
            subject:
              "{{ customer.first_name | default: 'Bonjour' }}, c'est nouveau, il vous les faut !",
            preheader: '',
            html: '',
          },
        },
        recipient({ first_name: 'XXX' }),
      ),
    );
    expect(result.message).toMatchObject({ subject: "Bonjour, c'est nouveau, il vous les faut !" });
    expect(result.fallbacks[0]).toMatchObject({
      part: 'subject',
      raw: 'XXX',
      reason: 'placeholder',
    });
  });
});

describe('tokens without default', () => {
  test('an empty token is reported where it is written', async () => {
    const result = rendered(await email('<p>\n  {{ offer.title }}</p>', recipient({}, {})));
    expect(result.warnings).toEqual([
      {
        code: 'empty_token',
        part: 'html',
        line: 2,
        column: 3,
        params: { token: '{{ offer.title }}' },
      },
    ]);
  });

  test('a junk salutation without default is reported, and shown as it is', async () => {
    const result = rendered(
      await email('Bonjour {{ customer.first_name }}', recipient({ first_name: 'XXX' })),
    );
    expect(result.message).toMatchObject({ html: 'Bonjour XXX' });
    expect(result.warnings).toEqual([
      {
        code: 'junk_without_default',
        part: 'html',
        line: 1,
        column: 9,
        params: { field: 'customer.first_name', reason: 'placeholder', raw: 'XXX' },
      },
    ]);
  });

  test('a missing salutation without default is reported too', async () => {
    const result = rendered(
      await email('Bonjour {{ customer.first_name }}', recipient({ first_name: null })),
    );
    expect(result.warnings[0]).toMatchObject({
      code: 'junk_without_default',
      params: { reason: 'missing' },
    });
  });

  test('an echo without default is watched like an output', async () => {
    const result = rendered(await email('{% echo offer.title %}', recipient({}, {})));
    expect(result.warnings[0]).toMatchObject({ code: 'empty_token', line: 1, column: 1 });
  });
});

describe('HTML escaping of everything the data says', () => {
  const hostile = '<script>alert(1)</script>"\'&';

  test('an output is escaped', async () => {
    expect(await html('<p>{{ customer.city }}</p>', recipient({ city: hostile }))).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;"\'&amp;</p>',
    );
  });

  test('raw does not turn escaping off, and says so', async () => {
    const result = rendered(
      await email('{{ customer.city | raw }}', recipient({ city: '<b>x</b>' })),
    );
    expect(result.message).toMatchObject({ html: '&lt;b&gt;x&lt;/b&gt;' });
    expect(result.warnings.map((w) => w.code)).toContain('raw_ignored');
  });

  test('echo is escaped', async () => {
    expect(await html('{% echo customer.city %}', recipient({ city: '<i>' }))).toBe('&lt;i&gt;');
  });

  test('escape is not done twice', async () => {
    expect(await html('{{ customer.city | escape }}', recipient({ city: 'a&b' }))).toBe('a&amp;b');
  });

  test('newline_to_br escapes, then breaks', async () => {
    expect(await html('{{ customer.city | newline_to_br }}', recipient({ city: '<a>\nb' }))).toBe(
      '&lt;a&gt;<br />\nb',
    );
  });

  test('an attribute cannot be broken out of', async () => {
    expect(
      await html(
        '<a href="https://x.example/?c={{ customer.city }}">x</a>',
        recipient({ city: '" onclick="alert(1)' }),
      ),
    ).toBe('<a href="https://x.example/?c=&quot; onclick=&quot;alert(1)">x</a>');
  });

  test('text parts are not escaped: an SMS shows what it says', async () => {
    const result = rendered(
      await sms('{{ customer.city }} STOP au 36111', recipient({ city: 'Aix & Co <3' })),
    );
    expect(result.message).toMatchObject({ text: 'Aix & Co <3 STOP au 36111' });
  });

  test('a group of fields writes nothing rather than [object Object]', async () => {
    expect(await html('[{{ customer }}]')).toBe('[]');
  });
});

describe('links after rendering', () => {
  test('https and mailto links stay, every other one is removed and reported', async () => {
    const result = rendered(
      await email(
        [
          '<a href="{{ offer.url }}">offre</a>',
          '<a href="mailto:service@shop.example">écrire</a>',
          '{% for r in recommendations %}<a href="{{ r.url }}">{{ r.title }}</a>{% endfor %}',
          '<a href="//evil.example">a</a>',
          '<img src="data:image/png;base64,AAAA">',
          '<a href="http://shop.example">b</a>',
          '<a href="JaVa&#x53;cript:alert(1)">c</a>',
          '<a href="vbscript:x">d</a>',
          '<a href="{{ customer.city }}">e</a>',
        ].join(''),
        recipient({ city: 'javascript:alert(document.cookie)' }),
      ),
    );
    expect(result.message).toMatchObject({
      html:
        '<a href="https://shop.example/offre">offre</a><a href="mailto:service@shop.example">écrire</a>' +
        '<a href="https://shop.example/p/1">Manette</a><a>Casque</a><a>a</a><img /><a>b</a><a>c</a><a>d</a><a>e</a>',
    });
    expect(result.removed_links.map((l) => [l.tag, l.attribute, l.reason, l.scheme])).toEqual([
      ['a', 'href', 'dangerous_scheme', 'javascript'],
      ['a', 'href', 'protocol_relative', null],
      ['img', 'src', 'dangerous_scheme', 'data'],
      ['a', 'href', 'insecure_scheme', 'http'],
      ['a', 'href', 'dangerous_scheme', 'javascript'],
      ['a', 'href', 'dangerous_scheme', 'vbscript'],
      ['a', 'href', 'dangerous_scheme', 'javascript'],
    ]);
    expect(result.removed_links[0]).toEqual({
      part: 'html',
      tag: 'a',
      attribute: 'href',
      url: 'javascript:alert(1)',
      reason: 'dangerous_scheme',
      scheme: 'javascript',
    });
  });

  test('a link whose token rendered nothing is removed as empty', async () => {
    const result = rendered(await email('<a href="{{ offer.url }}">x</a>', recipient({}, {})));
    expect(result.removed_links).toEqual([
      { part: 'html', tag: 'a', attribute: 'href', url: '', reason: 'empty', scheme: null },
    ]);
  });

  test('the web banner’s link is checked the same way, entities and spaces included', async () => {
    const banner = (link: string) =>
      render({ channel: 'web_banner', template: { headline: 'H', text: 'T', link } });
    expect(rendered(await banner('{{ offer.url }}')).message).toMatchObject({
      link: 'https://shop.example/offre',
    });
    for (const [link, reason] of [
      [' jav&#x61;script:alert(1)', 'dangerous_scheme'],
      ['//evil.example', 'protocol_relative'],
      ['http://shop.example', 'insecure_scheme'],
      ['/offres', 'relative'],
    ] as const) {
      const result = rendered(await banner(link));
      expect(result.message, link).toMatchObject({ link: '' });
      expect(result.removed_links, link).toEqual([
        expect.objectContaining({
          part: 'link',
          tag: null,
          attribute: null,
          url: link.trim(),
          reason,
        }),
      ]);
    }
  });
});

describe('the e-mail is sanitised before anyone sees it', () => {
  test('scripts, styles, frames, forms and handlers go; their removal is reported', async () => {
    const result = rendered(
      await email(
        '<html><head><title>T</title><style>p{color:red}</style></head><body>' +
          '<p onclick="x()" style="color:#c00;position:fixed">Bonjour</p><script>alert(1)</script>' +
          '<iframe src="https://x.example"></iframe><form action="https://x.example"><input></form></body></html>',
      ),
    );
    expect(result.message).toMatchObject({ html: '<p style="color:#c00">Bonjour</p>' });
    expect(result.warnings).toContainEqual({
      code: 'removed_elements',
      part: 'html',
      line: null,
      column: null,
      params: { tags: 'style, script, iframe, form, input', count: 5 },
    });
  });

  test('inline styles keep e-mail layout but no remote content besides https images', async () => {
    expect(
      await html(
        '<td style="padding:8px 4px;background-color:rgb(0, 0, 0);background-image:url(https://cdn.example/bg.png)">x</td>' +
          '<td style="background:url(http://x/t.gif);color:red">y</td>' +
          '<td style="width:expression(alert(1));font-weight:bold">z</td>',
      ),
    ).toBe(
      '<td style="padding:8px 4px;background-color:rgb(0, 0, 0);background-image:url(https://cdn.example/bg.png)">x</td>' +
        '<td style="color:red">y</td><td style="font-weight:bold">z</td>',
    );
  });

  test('table and image attributes e-mails rely on stay', async () => {
    const table =
      '<table width="600" cellpadding="0" cellspacing="0" border="0" align="center" bgcolor="#ffffff"><tr><td valign="top" colspan="2">' +
      '<img src="https://cdn.example/logo.png" alt="Logo" width="120" height="40" /></td></tr></table>';
    expect(await html(table)).toBe(table);
  });
});

describe('filters: money and date in French', () => {
  test('money writes cents as euros, with French spaces in an e-mail', async () => {
    expect(
      await html('{{ offer.price | money }} au lieu de {{ offer.regular_price | money }}'),
    ).toBe(`99,99${NBSP}€ au lieu de 100,32${NBSP}€`);
    expect(await html('{{ 123456 | money }}')).toBe(`1${NNBSP}234,56${NBSP}€`);
  });

  test('in an SMS, money and dates use plain spaces (no-break spaces would force UCS-2)', async () => {
    const result = rendered(
      await sms("{{ 123456 | money }} le {{ '2026-02-14' | date }} STOP au 36111"),
    );
    expect(result.message).toMatchObject({
      text: '1 234,56 € le 14 février 2026 STOP au 36111',
      sms: { encoding: 'gsm7', extension_characters: 1 },
    });
  });

  test('« août » has a û, which GSM-7 lacks: the SMS goes UCS-2 and says why', async () => {
    const result = rendered(await sms('Le {{ offer.valid_to | date }}. STOP au 36111'));
    expect(result.message).toMatchObject({ sms: { encoding: 'ucs2', ucs2_characters: ['û'] } });
    expect(result.warnings.map((w) => w.code)).toEqual(['sms_ucs2']);
  });

  test('money on what is not an amount writes nothing and says so', async () => {
    const result = rendered(await email("{{ 'abc' | money }}|{{ offer.price_x | money }}"));
    expect(result.message).toMatchObject({ html: '|' });
    expect(result.warnings.filter((w) => w.code === 'not_an_amount')).toEqual([
      { code: 'not_an_amount', part: 'html', line: 1, column: 1, params: { value: 'abc' } },
    ]);
  });

  test('date reads French days and months in Paris time', async () => {
    expect(
      await html(
        "{{ offer.valid_to | date }}|{{ customer.last_order.date | date: 'short' }}|{{ 'now' | date: 'datetime' }}|{{ '2026-02-14' | date: '%A %e %B' }}",
      ),
    ).toBe('1er août 2026|01/01/2026|14 juillet 2026 à 10:30|samedi 14 février');
  });

  test('date on what is not a date writes nothing and says so', async () => {
    const result = rendered(await email("{{ 'demain' | date }}"));
    expect(result.message).toMatchObject({ html: '' });
    expect(result.warnings.map((w) => w.code)).toContain('not_a_date');
  });

  test('English money and dates on demand', async () => {
    const result = rendered(
      await renderTemplate({
        template: {
          channel: 'push',
          template: { title: '{{ offer.price | money }}', body: '{{ offer.valid_to | date }}' },
        },
        personalisation: recipient(),
        language: 'en',
        now: NOW,
      }),
    );
    expect(result.message).toEqual({ channel: 'push', title: '€99.99', body: '1 August 2026' });
  });
});

describe('each channel’s message', () => {
  test('an e-mail: subject and preheader on one line, trimmed', async () => {
    const result = rendered(
      await render({
        channel: 'email',
        template: {
          subject: ' Bonjour\n{{ customer.first_name }} ',
          preheader: 'Vu\r\nà {{ customer.city }}',
          html: '<p>x</p>',
        },
      }),
    );
    expect(result.message).toEqual({
      channel: 'email',
      subject: 'Bonjour Olivier',
      preheader: 'Vu à Lyon',
      html: '<p>x</p>',
    });
    expect(
      result.warnings.filter((w) => w.code === 'line_breaks_removed').map((w) => w.part),
    ).toEqual(['subject', 'preheader']);
  });

  test('an SMS with its counter, its STOP mention checked', async () => {
    const result = rendered(
      await sms('Bonjour {{ customer.first_name }}, -10 % ce week-end. STOP au 36111'),
    );
    expect(result.message).toEqual({
      channel: 'sms',
      text: 'Bonjour Olivier, -10 % ce week-end. STOP au 36111',
      sms: {
        encoding: 'gsm7',
        units: 49,
        characters: 49,
        parts: 1,
        per_part: 160,
        remaining: 111,
        extension_characters: 0,
        ucs2_characters: [],
      },
    });
    expect(result.warnings).toEqual([]);
  });

  test('an SMS without STOP, in UCS-2, is warned about', async () => {
    const result = rendered(await sms('Fête des pères !'));
    expect(result.warnings).toEqual([
      { code: 'sms_ucs2', part: 'text', line: null, column: null, params: { characters: 'ê' } },
      { code: 'sms_stop_missing', part: 'text', line: null, column: null, params: {} },
    ]);
  });

  test('a push: title and body, long ones warned about', async () => {
    const result = rendered(
      await render({
        channel: 'push',
        template: { title: 'x'.repeat(51), body: '{{ campaign.name }}' },
      }),
    );
    expect(result.message).toEqual({
      channel: 'push',
      title: 'x'.repeat(51),
      body: 'Rentrée films',
    });
    expect(result.warnings).toEqual([
      {
        code: 'too_long_to_show',
        part: 'title',
        line: null,
        column: null,
        params: { length: 51, max: 50 },
      },
    ]);
  });

  test('a web banner: headline, text and link', async () => {
    const result = rendered(
      await render({
        channel: 'web_banner',
        template: {
          headline: '{{ offer.title }}',
          text: 'Jusqu’au {{ offer.valid_to | date }}',
          link: '{{ offer.url }}',
        },
      }),
    );
    expect(result.message).toEqual({
      channel: 'web_banner',
      headline: 'Le coffret Blu-ray',
      text: 'Jusqu’au 1er août 2026',
      link: 'https://shop.example/offre',
    });
  });

  test('the unsubscribe link is the recipient’s', async () => {
    expect(await html('<a href="{{ unsubscribe_url }}">Se désinscrire</a>')).toBe(
      '<a href="https://unsubscribe.invalid/preview">Se désinscrire</a>',
    );
  });
});

describe('errors at their line and column', () => {
  test('an unclosed block', async () => {
    expect(failed(await email('<p>\n  {% if customer.city %}\n x'))).toEqual({
      code: 'syntax',
      message: 'tag {% if customer.city %} not closed',
      part: 'html',
      line: 2,
      column: 3,
      params: {},
    });
  });

  test('a bad expression', async () => {
    expect(failed(await email('ok\n{% if %}{% endif %}'))).toMatchObject({
      code: 'syntax',
      line: 2,
      column: 6,
    });
  });

  test('an unclosed output', async () => {
    expect(failed(await email('a\nb {{ customer.city'))).toMatchObject({
      code: 'syntax',
      line: 2,
      column: 3,
    });
  });

  test('an unknown filter, at its name', async () => {
    expect(failed(await email('a\n  {{ customer.city | upcase | shout }}'))).toEqual({
      code: 'unknown_filter',
      message: 'Unknown filter "shout".',
      part: 'html',
      line: 2,
      column: 31,
      params: { filter: 'shout' },
    });
  });

  test('an unknown tag', async () => {
    expect(failed(await email('{% sparkle %}'))).toMatchObject({
      code: 'unknown_tag',
      line: 1,
      column: 1,
      params: { tag: 'sparkle' },
    });
  });

  test.each(['include', 'render', 'layout'])('{%% %s %%} reads no file', async (tag) => {
    expect(failed(await email(`x\n{% ${tag} 'secrets' %}`))).toMatchObject({
      code: 'file_tag',
      line: 2,
      column: 1,
      params: { tag },
    });
  });

  test('the part is named: an error in the subject', async () => {
    const result = await render({
      channel: 'email',
      template: { subject: '{{ x | nope }}', preheader: '', html: '' },
    });
    expect(failed(result)).toMatchObject({ code: 'unknown_filter', part: 'subject' });
  });
});

describe('fields outside the list', () => {
  test('read nothing and are reported where they are read', async () => {
    const result = rendered(
      await email(
        '{{ customer.email }}{{ customer.customer_id }}\n{% if customer.phone %}x{% endif %}{{ secrets }}',
      ),
    );
    expect(result.message).toMatchObject({ html: '\n' });
    expect(
      result.warnings
        .filter((w) => w.code === 'unknown_field')
        .map((w) => [w.params['field'], w.line, w.column]),
    ).toEqual([
      ['customer.email', 1, 4],
      ['customer.customer_id', 1, 24],
      ['customer.phone', 2, 7],
      ['secrets', 2, 39],
    ]);
  });

  test('listed fields, list items, size, first and loop variables are known', async () => {
    const result = rendered(
      await email(
        '{{ customer.first_name.size }}{{ recommendations.size }}{{ recommendations[0].title }}{{ recommendations.first.title }}' +
          '{{ customer.preferences.interests[0] }}{% for r in recommendations %}{{ r.title }}{{ forloop.index }}{% endfor %}{% assign x = 1 %}{{ x }}',
      ),
    );
    expect(result.warnings.filter((w) => w.code === 'unknown_field')).toEqual([]);
  });

  test('a listed item’s unknown property is reported', async () => {
    const result = rendered(await email('{{ recommendations[0].sku }}'));
    expect(result.warnings[0]).toMatchObject({
      code: 'unknown_field',
      params: { field: 'recommendations[].sku' },
    });
  });
});

describe('a template parsed once serves every recipient', () => {
  const subject = 'Bonjour {{ customer.first_name | default: "à vous" }} {{ customer.nickname }}';
  const template = { subject, preheader: '', html: '<p>{{ offer.price | money }}</p>' };

  test('each render lists its own fallbacks and warnings, side by side or one after the other', async () => {
    const named = recipient({ first_name: 'Olivier' });
    const unnamed = recipient({ first_name: '' });
    const [a, b, c] = (
      await Promise.all([
        email(template.html, named, subject),
        email(template.html, unnamed, subject),
        email(template.html, named, subject),
      ])
    ).map(rendered);
    for (const r of [a, b, c]) {
      expect(r?.warnings.filter((w) => w.code === 'unknown_field')).toHaveLength(1);
    }
    expect(a?.fallbacks).toEqual([]);
    expect(b?.fallbacks.map((f) => [f.field, f.reason, f.replacement])).toEqual([
      ['customer.first_name', 'empty', 'à vous'],
    ]);
    expect(c).toEqual(a);
    expect(a?.message).toMatchObject({ subject: 'Bonjour Olivier' });
    expect(b?.message).toMatchObject({ subject: 'Bonjour à vous' });
  });

  test('a template that does not parse says so at every render, in the same words', async () => {
    const first = failed(await email('{% if %}'));
    const again = failed(await email('{% if %}'));
    expect(again).toEqual(first);
    expect(first.code).toBe('syntax');
    // A template that renders fine after it is not held back by the failure kept.
    expect(await html('{{ "ok" }}')).toBe('ok');
  });

  test('the time limit is each render’s own: a slow render does not shorten the next', async () => {
    // 2^30 passes over the two recommendations: nothing allocated, only time spent.
    const loop = `${'{% for r in recommendations %}'.repeat(30)}{{ r.title }}${'{% endfor %}'.repeat(30)}`;
    const slow = failed(
      await renderTemplate({
        template: { channel: 'sms', template: { text: loop } },
        personalisation: recipient(),
        now: NOW,
        budgetMs: 50,
      }),
    );
    expect(slow.code).toBe('render_time');
    expect(slow.params).toEqual({ max_ms: 50 });
    expect(failed(await sms(loop)).params).toEqual({ max_ms: 500 });
    expect(rendered(await sms('Fin STOP au 36111')).message).toMatchObject({
      text: 'Fin STOP au 36111',
    });
  });
});
