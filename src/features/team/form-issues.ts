// What is wrong with a form, field by field, worded one way whoever found it: the contract's
// request schema before sending, or the server after (its invalid-body issues, and the refusals
// that belong to one field, as a login taken); any other refusal as one message.
import { useTranslation } from 'react-i18next';
import { ApiClientError } from '../../api/client.ts';
import { useErrorWords, wordApiError } from '../../ui/error-words.ts';
import { wordIssue, type IssueLike } from '../../ui/issue-words.ts';

/** The message to show under each field that has one. */
export type FieldErrors = Readonly<Partial<Record<string, string>>>;

export interface Refusal {
  fields: FieldErrors;
  /** What belongs to no field, worded whole. */
  message: string | null;
}

/** The field an issue is about: its path, without the part of the request it was in. */
function fieldOf(issue: IssueLike): string {
  const path = issue.path ?? [];
  const at = path[0] === 'body' ? path.slice(1) : path;
  return at.map(String).join('.');
}

const figure = (params: IssueLike['params'], key: string): number | null => {
  const value = params?.[key];
  return typeof value === 'number' ? value : null;
};

export function useFormWords() {
  const { t } = useTranslation('team');
  const words = useErrorWords();

  /** One issue as the field it is about says it; zod's own wording for the rare others. */
  const wordField = (issue: IssueLike): string => {
    const params = issue.params;
    const text = params?.['origin'] === 'string';
    const min = figure(params, 'minimum');
    const max = figure(params, 'maximum');
    if (issue.code === 'too_small' && text && min !== null)
      return min <= 1 ? t('form.required') : t('form.tooShort', { min });
    if (issue.code === 'too_big' && text && max !== null) return t('form.tooLong', { max });
    if (issue.code === 'invalid_format' && fieldOf(issue) === 'login') return t('form.loginFormat');
    return wordIssue(issue, words);
  };

  /** The first issue of each field. */
  const fieldErrors = (issues: readonly IssueLike[]): FieldErrors => {
    const out: Partial<Record<string, string>> = {};
    for (const issue of issues) out[fieldOf(issue)] ??= wordField(issue);
    return out;
  };

  /**
   * A refused write: issues on `fields` and the reasons of `reasonFields` under their field,
   * anything else (an issue elsewhere, a conflict, the network) as one message.
   */
  const refusal = (
    error: unknown,
    fields: readonly string[],
    reasonFields: Readonly<Partial<Record<string, string>>> = {},
  ): Refusal => {
    const worded = wordApiError(error, words) ?? {
      title: words.t('title.generic'),
      detail: words.t('detail.generic'),
      issues: [],
    };
    const message = t('failure', { title: worded.title, detail: worded.detail });
    if (!(error instanceof ApiClientError)) return { fields: {}, message };
    const field = error.reason === null ? undefined : reasonFields[error.reason];
    if (field !== undefined) return { fields: { [field]: worded.detail }, message: null };
    const issues = error.reason === 'invalid_body' ? error.issues : [];
    if (issues.length > 0 && issues.every((issue) => fields.includes(fieldOf(issue))))
      return { fields: fieldErrors(issues), message: null };
    return { fields: {}, message };
  };

  return { fieldErrors, refusal };
}
