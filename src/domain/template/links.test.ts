import { describe, expect, test } from 'vitest';
import { browserView, decodeReferences, linkVerdict, type RemovedLinkReason } from './links.ts';

describe('linkVerdict', () => {
  test.each([
    'https://shop.example/offre?utm=1&x=2',
    'HTTPS://SHOP.EXAMPLE/',
    ' https://shop.example ',
    'https:shop.example',
    'mailto:service@shop.example',
    'MailTo:service@shop.example?subject=Bonjour',
  ])('passes %j', (url) => {
    expect(linkVerdict(url).ok).toBe(true);
  });

  test.each<[string, RemovedLinkReason, string | null]>([
    ['javascript:alert(1)', 'dangerous_scheme', 'javascript'],
    ['JaVaScRiPt:alert(1)', 'dangerous_scheme', 'javascript'],
    ['  javascript:alert(1)', 'dangerous_scheme', 'javascript'],
    ['\u0001\u0008javascript:alert(1)', 'dangerous_scheme', 'javascript'],
    ['java\tscript:alert(1)', 'dangerous_scheme', 'javascript'],
    ['java\nscript:alert(1)', 'dangerous_scheme', 'javascript'],
    ['java\r\nscript:alert(1)', 'dangerous_scheme', 'javascript'],
    ['javascript\t:alert(1)', 'dangerous_scheme', 'javascript'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'dangerous_scheme', 'data'],
    ['DATA:image/png;base64,AAAA', 'dangerous_scheme', 'data'],
    ['vbscript:msgbox(1)', 'dangerous_scheme', 'vbscript'],
    ['VBScript:msgbox(1)', 'dangerous_scheme', 'vbscript'],
    ['//evil.example/x', 'protocol_relative', null],
    ['\\\\evil.example/x', 'protocol_relative', null],
    ['/\\evil.example', 'protocol_relative', null],
    ['\\/evil.example', 'protocol_relative', null],
    ['  //evil.example', 'protocol_relative', null],
    ['/\t/evil.example', 'protocol_relative', null],
    ['http://shop.example', 'insecure_scheme', 'http'],
    ['HTTP://shop.example', 'insecure_scheme', 'http'],
    ['ftp://shop.example', 'unsupported_scheme', 'ftp'],
    ['tel:+33100000000', 'unsupported_scheme', 'tel'],
    ['file:///etc/passwd', 'unsupported_scheme', 'file'],
    ['ms-calculator:', 'unsupported_scheme', 'ms-calculator'],
    ['/offres', 'relative', null],
    ['offres.html', 'relative', null],
    ['#haut', 'relative', null],
    ['?x=1', 'relative', null],
    ['javascript：alert(1)', 'relative', null],
    ['', 'empty', null],
    ['   ', 'empty', null],
  ])('removes %j (%s)', (url, reason, scheme) => {
    expect(linkVerdict(url)).toEqual({ ok: false, reason, scheme });
  });

  test.each([
    ['jav&#x61;script:alert(1)', 'javascript'],
    ['jav&#97;script:alert(1)', 'javascript'],
    ['jav&#0000097script:alert(1)', 'javascript'],
    ['javascript&colon;alert(1)', 'javascript'],
    ['java&Tab;script:alert(1)', 'javascript'],
    ['&#x64;ata:text/html,x', 'data'],
  ])('removes %j once character references are decoded', (url, scheme) => {
    expect(linkVerdict(decodeReferences(url))).toEqual({
      ok: false,
      reason: 'dangerous_scheme',
      scheme,
    });
  });
});

describe('browserView', () => {
  test('drops leading and trailing controls and spaces, and tabs and line breaks anywhere', () => {
    expect(browserView('\u0000 ht\ttp\ns://x.example/a b \u001f')).toBe('https://x.example/a b');
  });
});

describe('decodeReferences', () => {
  test('leaves unknown names and invalid code points harmless', () => {
    expect(decodeReferences('&unknown; &#0; &#x110000;')).toBe('&unknown; \ufffd \ufffd');
  });
});
