// The campaign's message on other channels than its own, for the recipients its channel does not
// reach or who prefer another: one Liquid template per channel added, each removable.
import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import {
  ALTERNATE_CHANNELS,
  bodyOnChannel,
  withAlternateOf,
} from '../../domain/campaign/campaign.ts';
import { withAlternate } from '../../domain/campaign/alternates.ts';
import { Button } from '../../ui/Button.tsx';
import { Section, type FormProps } from './CampaignForm.tsx';
import { TemplateFields } from './TemplateFields.tsx';

export function AlternatesSection({ body, onChange, issueAt }: FormProps) {
  const { t } = useTranslation('campaigns');
  const channels = ALTERNATE_CHANNELS.filter((c) => c !== body.channel);
  const present = channels.filter((c) => body.alternates[c] !== null);
  const absent = channels.filter((c) => body.alternates[c] === null);
  return (
    <Section title={t('editor.alternates.title')}>
      <p className="text-sm text-fg-muted">
        {t('editor.alternates.hint', { channel: t(`channel.${body.channel}`) })}
      </p>
      {present.map((channel) => {
        const name = t(`channel.${channel}`);
        return (
          <section
            key={channel}
            aria-label={t('editor.alternates.on', { channel: name })}
            className="space-y-2 rounded-md border border-line p-3"
          >
            <div className="flex items-center gap-2">
              <h4 className="flex-1 text-sm font-semibold">
                {t('editor.alternates.on', { channel: name })}
              </h4>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => onChange(withAlternate(body, channel, false))}
              >
                <X aria-hidden="true" />
                {t('editor.alternates.remove', { channel: name })}
              </Button>
            </div>
            <TemplateFields
              body={bodyOnChannel(body, channel)}
              onChange={(sent) => onChange(withAlternateOf(body, sent))}
              problem={null}
              issueAt={(path) => issueAt(path.replace(/^template\./, `alternates.${channel}.`))}
            />
          </section>
        );
      })}
      {absent.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {absent.map((channel) => (
            <Button
              key={channel}
              size="sm"
              variant="secondary"
              onClick={() => onChange(withAlternate(body, channel, true))}
            >
              <Plus aria-hidden="true" />
              {t('editor.alternates.add', { channel: t(`channel.${channel}`) })}
            </Button>
          ))}
        </div>
      )}
    </Section>
  );
}
