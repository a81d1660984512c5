import { describe, expect, test } from 'vitest';
import { customerTimeZone } from './time-zone.ts';

const CAMPAIGN = 'America/New_York';
const zoneOf = (country: string, postcode: string | null) =>
  customerTimeZone({ country, postcode }, CAMPAIGN);

describe('customerTimeZone', () => {
  test.each([
    ['69003', 'Europe/Paris'],
    ['75001', 'Europe/Paris'],
    ['01000', 'Europe/Paris'],
    ['95000', 'Europe/Paris'],
    ['20000', 'Europe/Paris'], // Corsica
    ['67000', 'Europe/Paris'],
    ['97110', 'America/Guadeloupe'],
    ['97200', 'America/Martinique'],
    ['97300', 'America/Cayenne'],
    ['97400', 'Indian/Reunion'],
    ['97500', 'America/Miquelon'],
    ['97600', 'Indian/Mayotte'],
    ['97133', 'America/St_Barthelemy'],
    ['97150', 'America/Marigot'],
    ['97700', 'America/St_Barthelemy'],
    ['97800', 'America/Marigot'],
    ['98000', 'Europe/Monaco'],
    ['98600', 'Pacific/Wallis'],
    ['98714', 'Pacific/Tahiti'],
    ['98800', 'Pacific/Noumea'],
    ['69 003', 'Europe/Paris'],
  ])('a French postcode %s lives on %s', (postcode, zone) => {
    expect(zoneOf('FR', postcode)).toEqual({ time_zone: zone, source: 'postcode' });
    expect(zoneOf('fr', postcode)).toEqual({ time_zone: zone, source: 'postcode' });
  });

  test.each([null, '', '00100', '96000', '97900', '98400', '99000', '7500', '750001', 'ABCDE'])(
    'a French record with postcode %s is read in the campaign’s zone',
    (postcode) => {
      expect(zoneOf('FR', postcode)).toEqual({ time_zone: CAMPAIGN, source: 'campaign' });
    },
  );

  test.each([
    ['BE', 'Europe/Brussels'],
    ['CH', 'Europe/Zurich'],
    ['LU', 'Europe/Luxembourg'],
    ['MC', 'Europe/Monaco'],
    ['DE', 'Europe/Berlin'],
    ['IT', 'Europe/Rome'],
    ['GB', 'Europe/London'],
    ['ES', 'Europe/Madrid'],
    ['RE', 'Indian/Reunion'],
    ['GP', 'America/Guadeloupe'],
    ['MQ', 'America/Martinique'],
    ['GF', 'America/Cayenne'],
    ['PM', 'America/Miquelon'],
    ['YT', 'Indian/Mayotte'],
    ['BL', 'America/St_Barthelemy'],
    ['MF', 'America/Marigot'],
    ['WF', 'Pacific/Wallis'],
    ['PF', 'Pacific/Tahiti'],
    ['NC', 'Pacific/Noumea'],
    ['be', 'Europe/Brussels'],
  ])('a customer in %s lives on %s, whatever the postcode', (country, zone) => {
    expect(zoneOf(country, '1000')).toEqual({ time_zone: zone, source: 'country' });
    expect(zoneOf(country, null)).toEqual({ time_zone: zone, source: 'country' });
  });

  test('Spain by postcode: the Canary Islands keep London’s time', () => {
    expect(zoneOf('ES', '35001')).toEqual({ time_zone: 'Atlantic/Canary', source: 'postcode' });
    expect(zoneOf('ES', '38001')).toEqual({ time_zone: 'Atlantic/Canary', source: 'postcode' });
    expect(zoneOf('ES', '28001')).toEqual({ time_zone: 'Europe/Madrid', source: 'postcode' });
    expect(zoneOf('ES', '3500')).toEqual({ time_zone: 'Europe/Madrid', source: 'country' });
    expect(zoneOf('ES', 'X35001')).toEqual({ time_zone: 'Europe/Madrid', source: 'country' });
    expect(zoneOf('ES', '350012')).toEqual({ time_zone: 'Europe/Madrid', source: 'country' });
    expect(zoneOf('ES', '35 001')).toEqual({ time_zone: 'Atlantic/Canary', source: 'postcode' });
  });

  test('anywhere else is read in the campaign’s zone', () => {
    expect(zoneOf('US', '10001')).toEqual({ time_zone: CAMPAIGN, source: 'campaign' });
    expect(zoneOf('PT', null)).toEqual({ time_zone: CAMPAIGN, source: 'campaign' });
  });
});
