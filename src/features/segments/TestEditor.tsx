// The operator of one test, from the operators its field's type allows, then its value boxes.
import type { Comparison, Operator } from '../../domain/segment/definition.ts';
import {
  OPERATORS_BY_TYPE,
  operatorLabel,
  type FieldInfo,
} from '../../domain/segment/catalogue-view.ts';
import { Select } from '../../ui/Select.tsx';
import { hasIssue, useBuilder } from './builder-context.ts';
import { makeTest } from './test-defaults.ts';
import { ValueEditor } from './ValueEditor.tsx';

export interface TestEditorProps {
  nodeId: string;
  /** Where the test sits in the node: `test`, or `filters.0.test`. */
  path: string;
  /** The condition or filter's name, for labels: "Operator for City". */
  name: string;
  field: FieldInfo;
  test: Comparison;
  onTest: (test: Comparison, coalesce?: string) => void;
  autoFocus?: boolean;
}

export function TestEditor(props: TestEditorProps) {
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
