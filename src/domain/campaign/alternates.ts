// First drafts of a campaign's templates on other channels, from its own template: what the
// "preferred channel" remedy adds so that a recipient the campaign's channel cannot reach, or who
// prefers another, still gets the message. A draft keeps the Liquid as written; HTML becomes
// plain text for an SMS or a push (tags dropped, paragraphs and line breaks kept, the usual
// entities decoded) and is shortened to what the channel holds. The marketer reviews them in the
// editor; the audit and the preview check them as any template.
import {
  ALTERNATE_CHANNELS,
  templateText,
  type AlternateChannel,
  type AlternateTemplates,
  type CampaignBody,
} from './campaign.ts';
import { hasStopMention } from '../template/sms.ts';

/** The channels with an alternate template, the campaign's own left out. */
export function alternateChannels(body: CampaignBody): AlternateChannel[] {
  return ALTERNATE_CHANNELS.filter((c) => c !== body.channel && body.alternates[c] !== null);
}

/** The opt-out a drafted SMS ends with when its text has none. */
export const SMS_STOP = 'STOP au 36111';

const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/**
 * HTML as plain text: the source's own line breaks as spaces (as a browser reads them), breaks
 * and block ends as new lines, other tags dropped, entities decoded.
 */
export function plainText(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|table|ul|ol)\s*>/gi, '\n')
    .replace(/<[a-z/!][^<>]*>/gi, '')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether `index` falls inside a Liquid tag or output (`{{ … }}`, `{% … %}`) of `text`. */
function insideLiquid(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const opened = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  const closed = Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}'));
  return opened > closed;
}

/**
 * `text` within `max` characters: whole when it fits, else cut at the last space before the limit
 * that is not inside a Liquid tag, with an ellipsis.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  for (let i = max - 1; i > 0; i -= 1) {
    if (/\s/.test(text[i] ?? '') && !insideLiquid(text, i)) return `${text.slice(0, i).trimEnd()}…`;
  }
  return '';
}

/** A draft of the campaign's message on `channel`. */
export function draftAlternate<C extends AlternateChannel>(
  body: CampaignBody,
  channel: C,
): NonNullable<AlternateTemplates[C]>;
export function draftAlternate(
  body: CampaignBody,
  channel: AlternateChannel,
): NonNullable<AlternateTemplates[AlternateChannel]> {
  const { heading, text } = templateText(body);
  const html = body.channel === 'email';
  switch (channel) {
    case 'email':
      return {
        subject: shorten(
          heading === '' ? ((html ? plainText(text) : text).split('\n')[0] ?? '') : heading,
          300,
        ),
        preheader: '',
        html: html ? text : text.replace(/\n/g, '<br>\n'),
      };
    case 'sms': {
      const words = html ? plainText(text) : text;
      const message = [heading, words].filter((t) => t !== '').join('\n');
      // A marketing SMS carries the opt-out French operators require; the draft adds the usual one.
      return hasStopMention(message)
        ? { text: shorten(message, 1_600) }
        : { text: `${shorten(message, 1_600 - SMS_STOP.length - 1)}\n${SMS_STOP}` };
    }
    case 'push':
      return {
        title: shorten(heading, 120),
        body: shorten(html ? plainText(text) : text, 500),
      };
  }
}

/** The campaign with a draft of its message on `channel` (`on`), or without a message there. */
export function withAlternate(
  body: CampaignBody,
  channel: AlternateChannel,
  on: boolean,
): CampaignBody {
  const { alternates } = body;
  switch (channel) {
    case 'email':
      return {
        ...body,
        alternates: { ...alternates, email: on ? draftAlternate(body, channel) : null },
      };
    case 'sms':
      return {
        ...body,
        alternates: { ...alternates, sms: on ? draftAlternate(body, channel) : null },
      };
    case 'push':
      return {
        ...body,
        alternates: { ...alternates, push: on ? draftAlternate(body, channel) : null },
      };
  }
}

/**
 * The campaign's alternates with a draft on every channel that has none yet (its own left out);
 * `added` names them, none when every channel already has one.
 */
export function withDraftAlternates(body: CampaignBody): {
  alternates: AlternateTemplates;
  added: AlternateChannel[];
} {
  const added = ALTERNATE_CHANNELS.filter(
    (channel) => channel !== body.channel && body.alternates[channel] === null,
  );
  const drafted = added.reduce((next, channel) => withAlternate(next, channel, true), body);
  return { alternates: drafted.alternates, added };
}
