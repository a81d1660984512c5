// One condition's controls, read left to right like a sentence: the field, then what it is tested
// against. Behaviour rows have their own editor.
import type { Condition } from '../../domain/segment/definition.ts';
import {
  aggregateField,
  attributeField,
  scoreField,
  type FieldInfo,
} from '../../domain/segment/catalogue-view.ts';
import { useTranslation } from 'react-i18next';
import { hasIssue, useBuilder } from './builder-context.ts';
import { useBuilderWords } from './builder-words.ts';
import { BehaviourEditor } from './BehaviourEditor.tsx';
import { keyOfCondition } from './catalogue-options.ts';
import { FieldButton } from './FieldButton.tsx';
import { FieldPicker } from './FieldPicker.tsx';
import { TestEditor } from './TestEditor.tsx';
import { WindowEditor } from './WindowEditor.tsx';

const Word = ({ children }: { children: string }) => (
  <span className="text-base text-fg-muted">{children}</span>
);

export function ConditionEditor({ node, autoFocus }: { node: Condition; autoFocus: boolean }) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const label = useBuilderWords().condition(node);
  // Labels say which of two conditions on one field they belong to: "Postcode (2)".
  const name = useBuilder().names.get(node.id) ?? label;
  const issues = api.issues(node.id);
  const fieldPicker = (
    <FieldPicker
      items={api.items}
      current={keyOfCondition(node)}
      onPick={(item) => api.pick('', item, node)}
    >
      <FieldButton
        aria-label={t('condition.fieldFor', { name })}
        aria-invalid={
          hasIssue(issues, 'field') ||
          hasIssue(issues, 'score') ||
          hasIssue(issues, 'action') ||
          undefined
        }
      >
        {label}
      </FieldButton>
    </FieldPicker>
  );
  if (node.kind === 'behaviour') {
    return <BehaviourEditor node={node} fieldPicker={fieldPicker} />;
  }
  const testOf = (field: FieldInfo | undefined) =>
    field &&
    'test' in node && (
      <TestEditor
        nodeId={node.id}
        path="test"
        name={name}
        field={field}
        test={node.test}
        autoFocus={autoFocus}
        onTest={(test, coalesce) => api.update({ ...node, test }, coalesce)}
      />
    );
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-1.5">
      {fieldPicker}
      {node.kind === 'attribute' && testOf(attributeField(api.catalogue, node.field))}
      {node.kind === 'score' && testOf(scoreField(api.catalogue, node.score))}
      {node.kind === 'aggregate' && (
        <>
          {testOf(aggregateField(api.catalogue, node.measure))}
          <WindowEditor
            nodeId={node.id}
            name={name}
            window={node.window}
            onWindow={(window, coalesce) => api.update({ ...node, window }, coalesce)}
          />
        </>
      )}
      {node.kind === 'reachability' && (
        <Word>
          {node.check.type === 'consent' ? t('condition.consentGranted') : t('condition.isYes')}
        </Word>
      )}
      {node.kind === 'segment' && <Word>{t('condition.asSavedNow')}</Word>}
    </div>
  );
}
