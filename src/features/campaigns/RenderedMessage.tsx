// A rendered message as its recipient will see it, whatever the channel: the e-mail's subject,
// preheader and HTML in a sandboxed frame (no scripts, no same origin: sandbox=""), at desktop or
// mobile width; the SMS with its length, encoding and parts; the push notification; the web banner.
// Below it, every fallback that fired, the links removed and the warnings, or the template's error.
// The campaign editor's sample preview and the per-recipient preview both show it.
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';
import type { TemplateRenderResponse } from '../../api/contract.ts';
import { formatCount } from '../../ui/format.ts';

/** The width an e-mail is shown at: the inbox's reading pane, or a phone's screen. */
export type EmailDevice = 'desktop' | 'mobile';

export function RenderedMessage({
  result,
  name,
  device = 'desktop',
}: {
  result: TemplateRenderResponse;
  /** The recipient's name, as text, for the frame's title. */
  name: string;
  device?: EmailDevice;
}) {
  const { t } = useTranslation('campaigns');
  if (!result.ok) {
    const message = t(`preview.templateError.${result.error.code}`);
    return (
      <p
        role="alert"
        className="rounded-md border border-danger-200 bg-danger-50 px-3 py-2 text-sm text-danger-700"
      >
        {result.error.line !== null && result.error.column !== null
          ? t('preview.errorAt', {
              line: result.error.line,
              column: result.error.column,
              message,
            })
          : t('preview.error', { message })}
      </p>
    );
  }
  const m = result.message;
  return (
    <div className="space-y-3">
      {m.channel === 'email' && (
        <div
          className={clsx(
            'overflow-hidden rounded-md border border-line',
            device === 'mobile' && 'mx-auto w-[375px] max-w-full',
          )}
        >
          <dl className="grid grid-cols-[6rem_1fr] gap-x-2 gap-y-1 border-b border-line bg-canvas px-3 py-2 text-sm">
            <dt className="text-fg-muted">{t('preview.subject')}</dt>
            <dd className="font-medium text-fg">{m.subject}</dd>
            <dt className="text-fg-muted">{t('preview.preheader')}</dt>
            <dd className="text-fg-muted">{m.preheader}</dd>
          </dl>
          <iframe
            title={t('preview.frame', { name })}
            sandbox=""
            srcDoc={m.html}
            className="h-[420px] w-full bg-white"
          />
        </div>
      )}
      {m.channel === 'sms' && (
        <div className="space-y-1">
          <p className="max-w-sm rounded-2xl rounded-bl-sm bg-subtle px-3 py-2 text-base whitespace-pre-wrap text-fg">
            {m.text}
          </p>
          <p className="text-sm text-fg-muted">
            {t('preview.sms', {
              count: m.sms.parts,
              characters: formatCount(m.sms.characters),
              encoding: m.sms.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
            })}
          </p>
        </div>
      )}
      {m.channel === 'push' && (
        <div className="max-w-sm rounded-xl border border-line bg-canvas px-3 py-2">
          <p className="text-sm font-semibold text-fg">{m.title}</p>
          <p className="text-sm text-fg">{m.body}</p>
        </div>
      )}
      {m.channel === 'web_banner' && (
        <div className="rounded-md border border-line bg-accent-50 px-4 py-3">
          <p className="text-md font-semibold text-fg">{m.headline}</p>
          <p className="text-sm text-fg">{m.text}</p>
          {m.link !== '' && <p className="mt-1 truncate text-sm text-accent-700">{m.link}</p>}
        </div>
      )}
      {result.fallbacks.length > 0 && (
        <section aria-label={t('preview.fallbacks', { count: result.fallbacks.length })}>
          <h4 className="text-sm font-semibold text-warn-700">
            {t('preview.fallbacks', { count: result.fallbacks.length })}
          </h4>
          <ul className="mt-1 space-y-0.5 text-sm text-fg">
            {result.fallbacks.map((f) => (
              <li key={`${f.part}-${f.line}-${f.column}`} className="rounded bg-warn-50 px-2 py-1">
                {f.raw === null || f.raw === ''
                  ? t('preview.fallbackMissing', {
                      token: f.token,
                      reason: t(`preview.reason.${f.reason}`),
                      replacement: f.replacement,
                    })
                  : t('preview.fallback', {
                      token: f.token,
                      raw: f.raw,
                      reason: t(`preview.reason.${f.reason}`),
                      replacement: f.replacement,
                    })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.removed_links.length > 0 && (
        <section aria-label={t('preview.removedLinks', { count: result.removed_links.length })}>
          <h4 className="text-sm font-semibold text-danger-700">
            {t('preview.removedLinks', { count: result.removed_links.length })}
          </h4>
          <ul className="mt-1 space-y-0.5 text-sm break-all text-fg">
            {result.removed_links.map((l, i) => (
              <li key={`${l.url}-${i}`}>
                {t('preview.removedLink', { url: l.url, reason: t(`preview.link.${l.reason}`) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.warnings.length > 0 && (
        <section aria-label={t('preview.warnings')}>
          <h4 className="text-sm font-semibold text-fg">{t('preview.warnings')}</h4>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-fg-muted">
            {result.warnings
              .filter((w, i) => result.warnings.findIndex((o) => o.code === w.code) === i)
              .map((w) => (
                <li key={w.code}>{t(`preview.warning.${w.code}`, w.params)}</li>
              ))}
          </ul>
        </section>
      )}
    </div>
  );
}
