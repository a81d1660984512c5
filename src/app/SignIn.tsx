// The sign-in page (decision 035): login and password, the server's refusal in the user's words
// (wrong credentials, too many attempts with the wait), then back to the page that asked.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { Button } from '../ui/Button.tsx';
import { Field } from '../ui/Field.tsx';
import { Input } from '../ui/Input.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { useErrorWords, wordApiError } from '../ui/error-words.ts';
import { LanguageSwitch } from '../ui/i18n/LanguageSwitch.tsx';
import { sessionMutations, sessionQueries } from './session.ts';

/** Where to go once signed in: a path of this app only, never another site. */
export function safeNext(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/';
  return next;
}

export function SignInRoute() {
  const { t } = useTranslation();
  const words = useErrorWords();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useQuery(sessionQueries.current());
  const signIn = useMutation(sessionMutations.signIn());
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, [t]);

  if (session.data?.user) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (login.trim() === '' || password === '') return;
    signIn.mutate(
      { login: login.trim(), password },
      {
        // A refused password is typed again: the field is cleared and focused, the login kept.
        onError: () => {
          setPassword('');
          passwordRef.current?.focus();
        },
      },
    );
  };
  const refusal = signIn.isError ? wordApiError(signIn.error, words) : null;

  return (
    <div className="flex min-h-full items-start justify-center bg-canvas px-4 pt-[12vh]">
      <main id="main" className="w-full max-w-sm">
        <div className="mb-5 flex items-center justify-between">
          <div className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="flex size-6 items-center justify-center rounded-sm bg-accent-600 text-sm font-bold text-white"
            >
              {t('app.name').charAt(0)}
            </span>
            <span className="text-lg font-semibold tracking-tight text-fg">{t('app.name')}</span>
          </div>
          <LanguageSwitch />
        </div>
        <form
          onSubmit={submit}
          noValidate
          aria-labelledby="sign-in-title"
          className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-5 shadow-sm"
        >
          <h1 id="sign-in-title" className="text-md font-semibold text-fg">
            {t('signIn.title')}
          </h1>
          <Field label={t('signIn.login')}>
            {(control) => (
              <Input
                {...control}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                autoFocus
                value={login}
                onChange={(event) => setLogin(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('signIn.password')}>
            {(control) => (
              <Input
                {...control}
                ref={passwordRef}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          {refusal !== null && (
            <p role="alert" className="text-sm text-danger-700">
              {refusal.detail}
            </p>
          )}
          <Button
            type="submit"
            variant="primary"
            disabled={signIn.isPending || login.trim() === '' || password === ''}
          >
            {signIn.isPending ? <Spinner /> : null}
            {t('signIn.submit')}
          </Button>
        </form>
        <p className="mt-3 text-sm text-fg-muted">{t('signIn.help')}</p>
      </main>
    </div>
  );
}
