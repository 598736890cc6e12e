import { join } from 'node:path';
import { CORE_SECTIONS } from '../app/country';
import { FakeClock } from '../clock/clock';
import { buildConfig } from '../config/config-loader';
import { InboundSpool } from './inbound-spool';

const spoolOf = (country: string, spool?: { path: string }): string =>
  new InboundSpool(
    new FakeClock(),
    buildConfig({
      country,
      countryDir: join('/opt/mwana/countries', country),
      sections: CORE_SECTIONS,
      values: {
        country: { name: country, code: 'MW', timezone: 'Africa/Blantyre' },
        backends: spool ? { spool } : {},
      },
    }),
  ).path;

describe("the inbound spool's path", () => {
  it('is in the country package by default, so two countries on one machine never share a spool', () => {
    expect(spoolOf('malawi')).toBe('/opt/mwana/countries/malawi/.data/inbound-spool.jsonl');
    expect(spoolOf('zambia')).toBe('/opt/mwana/countries/zambia/.data/inbound-spool.jsonl');
  });

  it('takes a relative path from the country package and an absolute one as it is', () => {
    expect(spoolOf('malawi', { path: 'spool/in.jsonl' })).toBe('/opt/mwana/countries/malawi/spool/in.jsonl');
    expect(spoolOf('malawi', { path: '/var/lib/mwana-malawi/inbound-spool.jsonl' })).toBe(
      '/var/lib/mwana-malawi/inbound-spool.jsonl',
    );
  });
});
