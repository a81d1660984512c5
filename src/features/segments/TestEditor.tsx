// The operator of one test, from the operators its field's type allows, then its value boxes.
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../domain/segment/definition.ts';
import { OPERATORS_BY_TYPE } from '../../domain/segment/catalogue-view.ts';
import { Select } from '../../ui/Select.tsx';
import { hasIssue, useBuilder } from './builder-context.ts';
import { useBuilderWords } from './builder-words.ts';
import { makeTest } from './test-defaults.ts';
import { ValueEditor, type TestProps } from './ValueEditor.tsx';

export function TestEditor(props: TestProps) {
  const { nodeId, path, name, field, test, onTest } = props;
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const words = useBuilderWords();
  const at = (part: string) => `${path}.${part}`;
  const changeOperator = (operator: Operator) => {
    onTest(makeTest(field.type, operator, test, api.today));
  };

  return (
    <>
      <div className="shrink-0">
        <Select
          aria-label={t('test.operatorFor', { name })}
          aria-invalid={hasIssue(api.issues(nodeId), at('operator')) || undefined}
          value={test.operator}
          options={OPERATORS_BY_TYPE[field.type].map((op) => ({
            value: op,
            // The days box and the word after it complete "in the last … days".
            label: words.operator(op, field.type),
          }))}
          onValueChange={changeOperator}
        />
      </div>
      <ValueEditor {...props} />
    </>
  );
}
