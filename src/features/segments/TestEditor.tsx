// The operator of one test, from the operators its field's type allows, then its value boxes.
import type { Operator } from '../../domain/segment/definition.ts';
import { OPERATORS_BY_TYPE, operatorLabel } from '../../domain/segment/catalogue-view.ts';
import { Select } from '../../ui/Select.tsx';
import { hasIssue, useBuilder } from './builder-context.ts';
import { makeTest } from './test-defaults.ts';
import { ValueEditor, type TestProps } from './ValueEditor.tsx';

export function TestEditor(props: TestProps) {
  const { nodeId, path, name, field, test, onTest } = props;
  const api = useBuilder();
  const at = (part: string) => `${path}.${part}`;
  const changeOperator = (operator: Operator) => {
    onTest(makeTest(field.type, operator, test, api.today));
  };

  return (
    <>
      <div className="shrink-0">
        <Select
          aria-label={`Operator for ${name}`}
          aria-invalid={hasIssue(api.issues(nodeId), at('operator')) || undefined}
          value={test.operator}
          options={OPERATORS_BY_TYPE[field.type].map((op) => ({
            value: op,
            // The days box and the word after it complete "in the last … days".
            label: operatorLabel(op, field.type).replace(' … days', ''),
          }))}
          onValueChange={changeOperator}
        />
      </div>
      <ValueEditor {...props} />
    </>
  );
}
