import { join } from 'node:path';
import { defineMessages, plural } from '../messages';

/** The catalogue folders the i18n tests read. */
export const fixtures = __dirname;
export const shared = join(__dirname, 'shared');
export const country = join(__dirname, 'country');

/** The texts the fixture catalogues translate (or deliberately leave untranslated). */
export const texts = defineMessages('clinic', {
  resultsReady: 'Hello {name}. Results are ready at {clinic}.',
  leaveDone: "You have successfully unregistered, {name}. We're sorry to see you go.",
  help: 'Send HELP for help.',
  thanks: 'Thank you.',
  results: plural('{count} result', '{count} results'),
  samples: plural('{count} sample', '{count} samples'),
  may: { text: 'May', context: 'month' },
  mayVerb: 'May',
  welcome: 'Welcome',
});
