import { join } from 'node:path';
import { LabAccountsService } from '@mwana/app-labresults';
import { LocationImporter } from '@mwana/app-locations';
import { useWeekInAClinic } from '@mwana/core/testing';
import { malawi } from '../src/country';

/*
 * A week in a clinic (packages/core/src/testing/week-in-a-clinic.ts), in English and in
 * Chichewa, over real HTTP and PostgreSQL with a fake clock: lab upload, the morning notice
 * (08:00 in Malawi), CHECK and PIN, a birth, its reminder, TOLD and CONFIRM, a broadcast and
 * HELP, every SMS checked against Malawi's catalogue. Agents register with AGENT, then LANGUAGE.
 */

const week = useWeekInAClinic(
  malawi,
  {
    phone: (block, n) => `+2659993${block}00${String(n).padStart(2, '0')}`,
    // Sample facilities (data/sample-facilities.csv): Limbe and Ndirande Health Centres.
    clinic: (block) => `200${block + 2}`,
    helpDesk: '1801', // Zomba Central Hospital
    lab: {
      authorization: `Basic ${Buffer.from('qech-lab:s3cret-lab').toString('base64')}`,
      source: 'blantyre/qech',
      facility: (clinic) => clinic,
      negative: 'Negative',
    },
    agent: (_language, clinic, zone, name) => ({ text: `AGENT ${clinic} ${zone} ${name}`, setsLanguage: false }),
  },
  async (running) => {
    const importer = running.app.get(LocationImporter);
    await importer.importFile(join(malawi.dir, 'data', 'locations.csv'));
    await importer.importFile(join(malawi.dir, 'data', 'sample-facilities.csv'));
    await running.app.get(LabAccountsService).add('QECH-Lab', 's3cret-lab');
  },
);

describe('a week in a clinic, in English and Chichewa (Malawi, real HTTP, PostgreSQL, fake clock)', () => {
  it.each([
    [0, 'en'],
    [1, 'chi_MW'],
  ])('week %i, in %s', (block, language) => week(block, language));
});
