import { join } from 'node:path';
import { LabAccountsService } from '@mwana/app-labresults';
import { LocationImporter } from '@mwana/app-locations';
import { useWeekInAClinic } from '@mwana/core/testing';
import { zambia } from '../src/country';

/*
 * A week in a clinic (packages/core/src/testing/week-in-a-clinic.ts), in English and in each
 * of Zambia's languages, over real HTTP and PostgreSQL with a fake clock: lab upload, the
 * morning notice, CHECK and PIN, a birth, its reminder, TOLD and CONFIRM, a broadcast and
 * HELP, every SMS checked against Zambia's catalogues. An agent's JOIN CBA carries her language.
 */

const week = useWeekInAClinic(
  zambia,
  {
    phone: (block, n) => `+2609773${block}00${String(n).padStart(2, '0')}`,
    // Sample facilities (data/sample-facilities.csv): Kalingalinga, Chilenje, Chawama, Matero Main.
    clinic: (block) => `50050${block + 1}`,
    helpDesk: '500201', // Chongwe Rural Health Centre
    lab: {
      authorization: `Basic ${Buffer.from('adh-lab:s3cret-lab').toString('base64')}`,
      source: 'lusaka/adh',
      facility: (clinic) => `${clinic}0`,
      negative: 'NotDetected',
    },
    agent: (language, clinic, zone, name) => ({
      text: `JOIN CBA ${language} ${clinic} ${zone} ${name}`,
      setsLanguage: true,
    }),
  },
  async (running) => {
    const importer = running.app.get(LocationImporter);
    await importer.importFile(join(zambia.dir, 'data', 'locations.csv'));
    await importer.importFile(join(zambia.dir, 'data', 'sample-facilities.csv'));
    await running.app.get(LabAccountsService).add('ADH-Lab', 's3cret-lab');
  },
);

describe('a week in a clinic, in each of Zambia’s languages (real HTTP, PostgreSQL, fake clock)', () => {
  it.each([
    [0, 'en'],
    [1, 'bem'],
    [2, 'nya'],
    [3, 'ton'],
  ])('week %i, in %s', (block, language) => week(block, language));
});
