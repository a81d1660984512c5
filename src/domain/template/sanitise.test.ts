import { describe, expect, test } from 'vitest';
import { HTML_NESTING_LIMIT, sanitiseEmailHtml } from './sanitise.ts';

const clean = (html: string) => sanitiseEmailHtml(html).html;

describe('sanitiseEmailHtml', () => {
  test.each([
    ['<p onclick="x()" onmouseover="y()">t</p>', '<p>t</p>'],
    [
      '<img src="https://cdn.example/a.png" onerror="alert(1)">',
      '<img src="https://cdn.example/a.png" />',
    ],
    [
      '<a href="https://x.example" target="_blank" rel="noopener">t</a>',
      '<a href="https://x.example" target="_blank" rel="noopener">t</a>',
    ],
    ['<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['<math><mi>x</mi></math>ok', 'ok'],
    ['<noscript><img src=x onerror=alert(1)></noscript>ok', 'ok'],
    ['<template><img src=x onerror=alert(1)></template>ok', 'ok'],
    ['<svg><textarea><img src=x onerror=alert(1)></textarea></svg>', ''],
    ['<object data="https://x.example/a.swf"></object>ok', 'ok'],
    ['<base href="https://evil.example/">ok', 'ok'],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">ok', 'ok'],
    ['<link rel="stylesheet" href="https://evil.example/a.css">ok', 'ok'],
    ['<p>a &lt;b&gt; &amp; c</p>', '<p>a &lt;b&gt; &amp; c</p>'],
    ['<!-- <script>alert(1)</script> -->ok', 'ok'],
    [
      '<p style="color:red;behavior:url(x.htc);-moz-binding:url(x)">t</p>',
      '<p style="color:red">t</p>',
    ],
    [
      '<p style="font-family:\'Helvetica\', Arial, sans-serif;font-size:14px">t</p>',
      '<p style="font-family:\'Helvetica\', Arial, sans-serif;font-size:14px">t</p>',
    ],
    ['<p style="color:\\72 ed">t</p>', '<p>t</p>'],
    ['<p style="background-image:url(&quot;javascript:alert(1)&quot;)">t</p>', '<p>t</p>'],
  ])('%s → %s', (dirty, expected) => {
    expect(clean(dirty)).toBe(expected);
  });

  test('each removed element is named once, in order; a document’s scaffolding is not', () => {
    const { removedTags } = sanitiseEmailHtml(
      '<html><head><meta charset="utf-8"><title>x</title></head><body><script></script><form><input><input></form><script></script></body></html>',
    );
    expect(removedTags).toEqual(['script', 'form', 'input']);
  });

  test('every link attribute is checked: href, src, background, cite', () => {
    const { removedLinks } = sanitiseEmailHtml(
      '<a href="javascript:1">a</a><img src="http://x"><td background="//x">t</td><blockquote cite="data:x">q</blockquote>',
    );
    expect(removedLinks.map((l) => [l.tag, l.attribute, l.reason])).toEqual([
      ['a', 'href', 'dangerous_scheme'],
      ['img', 'src', 'insecure_scheme'],
      ['td', 'background', 'protocol_relative'],
      ['blockquote', 'cite', 'dangerous_scheme'],
    ]);
  });

  test(`elements nested deeper than ${HTML_NESTING_LIMIT} are dropped, their text kept`, () => {
    const deep =
      '<div>'.repeat(HTML_NESTING_LIMIT + 5) + 'x' + '</div>'.repeat(HTML_NESTING_LIMIT + 5);
    const out = clean(deep);
    expect(out.match(/<div>/g)).toHaveLength(HTML_NESTING_LIMIT);
    expect(out).toContain('x');
  });
});
