import { defineMessages } from '@mwana/core';

/** The CODE keyword's replies (docs/keywords.md#code). */
export const locationsTexts = defineMessages('locations', {
  codeHelp: 'To find a facility code, send CODE <PART OF THE FACILITY NAME>',
  codeNoMatch: 'There are no locations matching {text}',
  codeNotAdmin:
    "Sorry, you must be registered as HELP ADMIN to look up facility codes. If you think this message is a mistake, respond with keyword 'HELP'",
});
