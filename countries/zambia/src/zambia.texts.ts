import { defineMessages } from '@mwana/core';

// Why a text may be longer than one SMS (pnpm mwana translations check shows its split).
const LONG_KEPT =
  "Mwana's own wording, kept as users know it: more than one SMS only with a 30-character name and the country's longest clinic name";

/**
 * Zambia's own texts (docs/keywords.md#zambia-only), in English: the gettext msgids that the
 * Bemba, Nyanja and Tonga catalogues in `locale/` translate. Mwana's wording, typos fixed.
 */
export const zambiaTexts = defineMessages('zambia', {
  // Role-aware replies to what no app handled (Mwana's errorhandling).
  unknownSender: 'Invalid Keyword. Please send the keyword HELP if you need to be assisted.',
  pinNothingWaiting: {
    text: 'Hello {name}. Are you trying to retrieve new results? There are no new results ready for you. We shall let you know as soon as they are ready.',
    long: LONG_KEPT,
  },
  pinRightNotified: 'Sorry {name}. If you are trying to retrieve new results please send the keyword CHECK.',
  pinRightNew: 'Hello {name}. If you are trying to retrieve new results please send the keyword CHECK.',
  pinWrong: {
    text: 'Hello {name}. If you are trying to retrieve new results please send the keyword CHECK. Make sure you send your correct PIN when asked to.',
    long: LONG_KEPT,
  },
  remindMe: "Sorry {name}, we didn't understand that message. Send the keyword HELP if you need to be helped.",
  clinicWorkerKeywords:
    'Invalid Keyword. Valid keywords are CHECK, RESULT, SENT, TRACE, MSG CBA, MSG CLINIC, MSG ALL and MSG DHO. Respond with any keyword or HELP for more information.',
  cbaKeywords:
    'Invalid Keyword. Valid keywords are BIRTH, MWANA, TOLD, CONFIRM, MSG CBA, MSG CLINIC and MSG ALL. Respond with any keyword or HELP for more information.',
  districtWorkerKeywords:
    'Invalid Keyword. Valid keywords are MSG DHO, MSG CLINIC and MSG ALL. Respond with any keyword or HELP for more information.',
  hubWorkerKeywords:
    'Invalid Keyword. Valid keywords are RECEIVED and SENT. Respond with any keyword or HELP for more information.',
  provinceWorkerHelp: 'Sorry {name}. Respond with keyword HELP for assistance.',

  // The blacklist.
  blocked: 'Your number has been blocked from using Mwana. This incident has been reported',
  blockedAlert: 'This blacklisted number is trying to use the system {phone}',

  // User verification: the questions.
  askClinic:
    'Hello {name}. Are you still working at {clinic} and still using Results160? Please respond with YES or No',
  askDistrict: 'Hello {name}. Are you still working at {district} DHO? Please respond with YES or No',
  askProvince: 'Hello {name}. Are you still working at {province} PHO? Please respond with YES or No',
  askAgent: 'Hello {name}. Are you still working as a RemindMi Agent for {clinic}? Please respond with YES or No',
});
