import { defineMessages } from '@mwana/core';

// Why a text may be longer than one SMS (pnpm mwana translations check shows its split).
const LONG_THEIR_WORDS =
  "the help desk's copy of a HELP: the sender's own words follow the details, as long as they wrote";
const LONG_BATCH = 'a batch: one name per contact, split over as many SMS as it takes';

/**
 * Broadcast's and the help desk's replies (docs/keywords.md#broadcast), Mwana's English with
 * its typo fixed as specs/README.md says ("din't").
 */
export const broadcastTexts = defineMessages('broadcast', {
  notRegistered:
    "You must be registered with a clinic to use the broadcast feature. Please ask your clinic team how to register, or respond with keyword 'HELP'",
  groupHelp: 'To send a message to {group} send keyword {keyword} followed by the contents of your message.',
  nobodyInGroup: "There is no one in the group '{group}' to send a message to.",
  msgNotAllowed:
    'You are not allowed to send broadcast messages. If you think this message is a mistake please reply with keyword HELP',
  msgHelp: 'To send a message SEND: MSG <GROUP> <your message>. The groups you can send to are: {groups}',
  msgUnparseable:
    "Sorry, I didn't understand that. To send a message SEND: MSG <GROUP> <your message>. The groups you can send to are: {groups}",
  msgBadGroup:
    "'{group}' is not a valid message group for you. To send a message SEND: MSG <GROUP> <your message>. The groups you can send to are: {groups}",
  msgSent: 'Your message has been sent to {count} people',
  tooManyRecipients:
    "Sorry, your message was not sent: the group '{group}' has {count} people, more than the {max} one message may reach. Please reply with keyword HELP",

  // HELP
  helpFromUnknown: 'Someone has requested help. Please call them at {phone}.',
  helpFromContact: '{name} ({role}) has requested help. Please call them at {phone}.',
  helpFromClinic: '{name} ({role}) at {clinic}({code}) has requested help. Please call them at {phone}.',
  helpFromUnknownWithText: {
    text: 'Someone has requested help. Please call them at {phone}. Their message was: {text}',
    long: LONG_THEIR_WORDS,
  },
  helpFromContactWithText: {
    text: '{name} ({role}) has requested help. Please call them at {phone}. Their message was: {text}',
    long: LONG_THEIR_WORDS,
  },
  helpFromClinicWithText: {
    text: '{name} ({role}) at {clinic}({code}) has requested help. Please call them at {phone}. Their message was: {text}',
    long: LONG_THEIR_WORDS,
  },
  // The sender's role in a help notice, in the admin's language: its slug in English
  // (docs/keywords.md#help), a word of its own in a translation. A role without one is named by its slug.
  'role.clinic-worker': { text: 'clinic-worker', context: 'a role, in a help notice' },
  'role.hub-worker': { text: 'hub-worker', context: 'a role, in a help notice' },
  'role.district-worker': { text: 'district-worker', context: 'a role, in a help notice' },
  'role.province-worker': { text: 'province-worker', context: 'a role, in a help notice' },
  'role.lab-worker': { text: 'lab-worker', context: 'a role, in a help notice' },
  'role.cba': { text: 'cba', context: 'a role, in a help notice' },
  'role.contact': { text: 'contact', context: 'a role, in a help notice: a contact with none' },
  helpReply:
    "Sorry you're having trouble{name}. Your help request has been forwarded to a support team member and they will call you soon.",

  // CONTACTS
  contactsHelp: 'To see the contacts at a location, send CONTACTS <LOCATION_CODE> [<HOW MANY>]',
  contactsNotAdmin:
    "Sorry, you must be registered as HELP ADMIN to look up contacts. If you think this message is a mistake, respond with keyword 'HELP'",
  contactsUnknownLocation:
    "Sorry, I don't know about a location with code {code}. Please check your code and try again.",
  helpHelp: 'To ask for help, send HELP followed by what is wrong',
  contactsList: { text: 'Contacts at {location}: {list}', long: LONG_BATCH },
  contactsNone: 'There are no active contacts at {location}',
});
