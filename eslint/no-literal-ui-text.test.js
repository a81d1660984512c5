import path from 'node:path';
import { root } from './boundaries.js';
import { noLiteralUiText } from './no-literal-ui-text.js';
import { ruleTester } from './rule-tester.js';

const file = path.join(root, 'src/features/x/View.tsx');
const text = { messageId: 'text' };
const prop = { messageId: 'prop' };

ruleTester.run('tact/no-literal-ui-text', noLiteralUiText, {
  valid: [
    { code: "const a = <p>{t('customers.title')}</p>;", filename: file },
    { code: 'const a = <p>{count} · {total}</p>;', filename: file },
    { code: 'const a = <p>— 42 %</p>;', filename: file },
    { code: "const a = <Icon aria-label={t('x.y')} />;", filename: file },
    { code: 'const a = <div className="flex gap-2" data-testid="row" />;', filename: file },
    { code: "const a = <Select value={'email'} />;", filename: file },
    { code: 'const a = <Trans i18nKey="x.y" components={{ code: <code /> }} />;', filename: file },
    // A file not translated yet is skipped, by its path.
    {
      code: 'const a = <p>Not yet</p>;',
      filename: file,
      options: [{ pending: ['src/features/x/View.tsx'] }],
    },
  ],
  invalid: [
    { code: 'const a = <p>Save segment</p>;', filename: file, errors: [text] },
    { code: 'const a = <p>Enregistrer</p>;', filename: file, errors: [text] },
    { code: "const a = <p>{'Loading…'}</p>;", filename: file, errors: [text] },
    { code: 'const a = <p>{ok ? `Saved` : `Failed`}</p>;', filename: file, errors: [text] },
    { code: "const a = <p>{error && 'Failed'}</p>;", filename: file, errors: [text] },
    { code: 'const a = <Icon aria-label="Close" />;', filename: file, errors: [prop] },
    {
      code: "const a = <Input placeholder={'Search customers'} />;",
      filename: file,
      errors: [prop],
    },
    { code: 'const a = <EmptyState title="No segments" />;', filename: file, errors: [prop] },
    {
      code: "const a = <ErrorState detail={busy ? 'Busy' : t('x')} />;",
      filename: file,
      errors: [prop],
    },
    // Another file's pending entry does not cover this one.
    {
      code: 'const a = <p>Words</p>;',
      filename: file,
      options: [{ pending: ['src/features/x/Other.tsx'] }],
      errors: [text],
    },
  ],
});
