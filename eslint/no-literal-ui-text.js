// No words written straight into JSX: every UI string comes from the message catalogues
// (src/ui/i18n/locales), so French and English say the same things. Reported: JSX text with a
// letter in it, a string literal rendered as a child, and a string literal given to a prop that is
// shown to people (aria-label, title, placeholder, label…). Punctuation, numbers and symbols alone
// (·, —, %, 42) are not words. `pending` names files to skip while a part of the app is being
// translated (none today: every component is).
import path from 'node:path';
import { root } from './boundaries.js';

/** Props whose value people read or hear. */
const shownProps = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'title',
  'placeholder',
  'label',
  'description',
  'detail',
  'emptyText',
  'listLabel',
  'loadingLabel',
  'retryLabel',
  'section',
  'purpose',
  'hint',
  'caption',
]);

const hasWord = (text) => /\p{L}/u.test(text);

/** The literal strings an expression may evaluate to: itself, or a conditional's branches. */
function literalTexts(node) {
  if (node.type === 'Literal' && typeof node.value === 'string') return [node.value];
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '');
  if (node.type === 'ConditionalExpression')
    return [...literalTexts(node.consequent), ...literalTexts(node.alternate)];
  if (node.type === 'LogicalExpression') return literalTexts(node.right);
  return [];
}

export const noLiteralUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'UI strings come from the message catalogues, not from JSX literals.' },
    schema: [
      {
        type: 'object',
        properties: { pending: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      text: 'Literal UI text "{{text}}": put it in the catalogues (src/ui/i18n/locales) and use t().',
      prop: 'Literal text "{{text}}" in {{prop}}: put it in the catalogues and use t().',
    },
  },
  create(context) {
    const pending = new Set((context.options[0]?.pending ?? []).map((p) => path.resolve(root, p)));
    if (pending.has(path.resolve(context.filename))) return {};
    const excerpt = (text) => text.trim().replace(/\s+/g, ' ').slice(0, 40);
    return {
      JSXText(node) {
        if (hasWord(node.value))
          context.report({ node, messageId: 'text', data: { text: excerpt(node.value) } });
      },
      JSXExpressionContainer(node) {
        if (node.parent.type !== 'JSXElement' && node.parent.type !== 'JSXFragment') return;
        for (const text of literalTexts(node.expression)) {
          if (hasWord(text)) {
            context.report({ node, messageId: 'text', data: { text: excerpt(text) } });
            return;
          }
        }
      },
      JSXAttribute(node) {
        const prop = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (prop === null || !shownProps.has(prop) || node.value === null) return;
        const value =
          node.value.type === 'JSXExpressionContainer' ? node.value.expression : node.value;
        for (const text of literalTexts(value)) {
          if (hasWord(text)) {
            context.report({ node, messageId: 'prop', data: { text: excerpt(text), prop } });
            return;
          }
        }
      },
    };
  },
};
