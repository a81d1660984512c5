// What the builder says about a node's issue, in the user's language: a broken rule worded from
// its code and figures (src/ui/issue-words.ts) with the builder's own names for fields, operators,
// events and saved segments; text typed that is not yet a value as its input worded it. And why a
// link's segment could not be read.
import { useMemo } from 'react';
import { OPERATORS_BY_TYPE, type ValueType } from '../../domain/segment/catalogue-view.ts';
import { useErrorWords, type ErrorWords } from '../../ui/error-words.ts';
import { wordIssue, type IssueNames } from '../../ui/issue-words.ts';
import { useBuilder, type NodeIssue } from './builder-context.ts';
import { useBuilderWords, type BuilderWords } from './builder-words.ts';
import type { LinkProblem } from './definition-url.ts';

const VALUE_TYPES: readonly ValueType[] = ['string', 'enum', 'number', 'date', 'boolean', 'set'];

/** The builder's names, for the figures an issue carries as codes. */
export function builderIssueNames(
  words: BuilderWords,
  segmentNames: ReadonlyMap<string, string>,
): IssueNames {
  return {
    field: (id, label) => words.field(id, label || id),
    operator: (operator, type) => {
      const valueType = VALUE_TYPES.find((v) => v === type) ?? 'string';
      const known = OPERATORS_BY_TYPE[valueType].find((op) => op === operator);
      return known === undefined ? operator : words.operator(known, valueType);
    },
    event: (type, label) =>
      words.item({
        key: type,
        kind: 'behaviour',
        label: label || type,
        target: { kind: 'behaviour', action: { type: 'event', event_type: type } },
      }),
    segment: (id) => segmentNames.get(id) ?? id,
  };
}

/** Words a node's issue; inside the builder only. */
export function useIssueText(): (issue: NodeIssue) => string {
  const errors = useErrorWords();
  const words = useBuilderWords();
  const { segmentNames } = useBuilder();
  return useMemo(() => {
    const names = builderIssueNames(words, segmentNames);
    return (issue: NodeIssue) =>
      'text' in issue
        ? issue.text
        : wordIssue({ code: issue.code, params: issue.params }, errors, names);
  }, [errors, words, segmentNames]);
}

/** Why the segment in a link could not be read, and that the builder starts empty. */
export function wordLinkProblem(problem: LinkProblem, words: ErrorWords): string {
  const { t } = words;
  switch (problem.kind) {
    case 'not_a_link':
      return t('link.notALink');
    case 'cut_short':
      return t('link.cutShort');
    case 'edited': {
      const issue = problem.issue === null ? t('issue.unknown') : wordIssue(problem.issue, words);
      const path = problem.issue?.path.join('.') ?? '';
      return path === '' ? t('link.edited', { issue }) : t('link.editedAt', { path, issue });
    }
  }
}
