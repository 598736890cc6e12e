import { defineMessages } from '@mwana/core';

// Why a text may be longer than one SMS (pnpm mwana translations check shows its split).
const LONG_BATCH = 'a batch: one item per result, sample or name, split over as many SMS as it takes';
const LONG_KEPT =
  "Mwana's own wording, kept as users know it: more than one SMS only with a 30-character name and the country's longest clinic name";

/**
 * RemindMi's replies (docs/keywords.md#remindmi), Mwana's English with its typos fixed as
 * specs/README.md says: double spaces made single ("...Traces.  Please"), "recieve",
 * "CBA's who's names", a trailing space. Mwana's missing spaces after the reminder's full stops are kept: they
 * are what agents were trained on and they cost nothing.
 */
export const remindersTexts = defineMessages('reminders', {
  // AGENT and JOIN CBA
  agentHelp: 'To register as a RemindMi agent, send AGENT <CLINIC CODE> <ZONE #> <YOUR NAME>',
  agentMalformed:
    "Sorry, I didn't understand that. To register as a RemindMi agent, send AGENT <CLINIC CODE> <ZONE #> <YOUR NAME>",
  joinCbaMalformed:
    "Sorry, I didn't understand that. To register as a Mobile agent, send JOIN <CBA> <CLINIC CODE> <ZONE #> <YOUR NAME>",
  agentUnknownClinic: "Sorry, I don't know about a clinic with code {code}. Please check your code and try again.",
  agentAlreadyInZone: 'Hello {name}! You are already registered as a RemindMi Agent for zone {zone} of {clinic}.',
  agentOtherClinic: {
    text: 'Hello {name}! You are already registered as a RemindMi Agent for {oldClinic}. To leave your current clinic and join {newClinic}, reply with LEAVE and then re-send your message.',
    long: LONG_KEPT,
  },
  agentRegistered:
    'Thank you {name}! You have successfully registered as a RemindMi Agent for zone {zone} of {clinic}.',
  agentRegisteredNotify: {
    text: 'Thank you {name}! You have successfully registered as a RemindMi Agent for zone {zone} of {clinic}. Please notify us next time there is a {events} in your zone.',
    long: LONG_KEPT,
  },
  /** Joins the last two event names in "a, b, or c". */
  or: { text: 'or', context: 'a list of events' },

  // REMOVE / DEREGISTER
  removeHelp: 'To deregister a CBA, send REMOVE <CBA_PHONE_NUMBER> or send REMOVE <CBA_NAME>',
  removeNotAllowed:
    'Sorry, you are NOT allowed to deregister anyone. If you think this message is a mistake reply with keyword HELP',
  removePhoneUnknown:
    'The phone number {phone} does not belong to any CBA at {clinic}. Make sure you typed it correctly',
  removeNameUnknown: 'The name {name} does not belong to any CBA at {clinic}. Make sure you typed it correctly',
  removeWhich: { text: 'Try sending REMOVE <CBA_PHONE_NUMBER>. Which CBA did you mean? {cbas}', long: LONG_BATCH },
  removeTooMany: 'There are {count} CBAs whose names match {name} at {clinic}. Try to use the phone number instead',
  removeDone: 'You have successfully deregistered {cba}:{phone} of zone {zone} at {clinic}',
  removeAdminNotice: '{worker}:{workerPhone} has deregistered {cba}:{phone} of zone {zone} at {clinic}',
  removeSharedPhone: {
    text: 'Sorry {name}, the CBA with phone number {phone} could not be deregistered. This matter will be followed up by Support Staff immediately',
    long: LONG_KEPT,
  },
  removeSharedPhoneAdmin: {
    text: 'Make a followup for a failed CBA deregistration due to a phone number {phone} being shared by multiple CBAs. Deregistration was attempted by {worker}:{workerPhone} of {clinic}',
    long: LONG_KEPT,
  },

  // Events (BIRTH, MWANA, ...): {event} is the event's name in the reader's language, lower case.
  eventHelp:
    "Sorry, I didn't understand that. To add a {event}, send {keyword} <DATE> <NAME>. The date is optional and is logged as TODAY if left out.",
  eventBadDate:
    "Sorry, I couldn't understand that date. Please enter the date like so: DAY MONTH YEAR, for example: 23 04 2010",
  eventFutureDate: "Sorry, you can not register a {event} with a date after today's.",
  eventTooOld: 'Sorry, make sure you enter the year correctly. {year} is too old. We are in {currentYear}.',
  // {agent} is " <name>" for a registered sender and empty for anyone else, as in Mwana.
  eventRegistered: {
    text: 'Thank you{agent}! You have successfully registered a {event} for {name} on {date}. You will be notified when it is time for {pronoun} next appointment at the clinic.',
    long: LONG_KEPT,
  },
  eventRegisteredAt: {
    text: 'Thank you{agent}! You registered a {place} {event} for {name} on {date}. You will be notified when it is time for {pronoun} next clinic appointment.',
    long: LONG_KEPT,
  },
  placeFacility: { text: 'facility', context: 'where a birth happened' },
  placeHome: { text: 'home', context: 'where a birth happened' },
  pronounHer: { text: 'her', context: 'her next appointment' },
  pronounHis: { text: 'his', context: 'his next appointment' },
  pronounEither: { text: 'his or her', context: 'his or her next appointment' },

  // Appointment reminders and RMDEMO; {agent} as above.
  reminder: {
    text: 'Hi{agent}.{patient} is due for {appointment} clinic visit on {date}.Please remind them to visit {clinic}, then reply with TOLD {patient}',
    long: LONG_KEPT,
  },
  theClinic: { text: 'the clinic', context: 'a reminder whose patient has no clinic' },
  rmdemoUnknown:
    'Sorry you must be registered with a location or specify in your message to initiate a RemindMi demo. To specify a location send: RMDEMO <LOCATION_CODE>',

  // BIRTHREG
  birthregHelp: 'To receive new births, send birthreg <PIN>',
  birthregNotAllowed: 'I am sorry, you do not have permission to view new births.',
  birthregBadPin: 'Invalid PIN number. Please send: birthreg <PIN>',
  birthregLocked:
    "Sorry, that was not the correct pin code too many times. New births are locked for {minutes} minutes. If you forgot your pin code, reply with keyword 'HELP'",
  birthregLockedAlert: {
    text: '{name} ({phone}) at {clinic} sent {count} wrong pin codes in a row to BIRTHREG. New births are locked for {minutes} minutes.',
    long: LONG_KEPT,
  },
  birthregList: { text: 'Hello {name}! The births from {location} are: ***{births}', long: LONG_BATCH },
  birthregNone: 'Hello {name}! There are no new births from {location}.',

  // TRACE, TOLD, CONFIRM
  unknownSender: 'Sorry, the system does not recognise your number. To join the system please send: JOIN',
  traceHelp:
    'Sorry, the system could not understand your message. To trace a patient please send: TRACE <PATIENT_NAME>',
  traceCbaNotAllowed:
    'Sorry {name}, CBAs are not allowed to start Traces. Please ask a clinic worker to start a trace.',
  traceTooLong: '{name} is too long for a name.',
  traceStarted: 'Thank you {worker}. RemindMi Agents have been asked to find {name}.',
  traceAsk: {
    text: 'Hi {agent}, please find {name} and tell them to come to the clinic within 3 days. After telling them, reply with: TOLD {name}',
    long: LONG_KEPT,
  },
  onlyAgents: 'Sorry {name}, only CBAs can trace patients. Please ask the CBA to find the patient.',
  toldHelp: 'To tell that someone has been to the clinic send: TOLD <PATIENT_NAME>, e.g TOLD Bana Malama',
  toldThanks: {
    text: 'Thank you {agent}! After you confirm {name} has visited the clinic, please send: CONFIRM {name}.',
    long: LONG_KEPT,
  },
  toldInitiator: 'Hi {worker}, CBA {agent} has just told {name} to come to the clinic.',
  confirmHelp:
    'To confirm that a patient has been to the clinic please send: CONFIRM <PATIENT_NAME>, e.g CONFIRM Amake Phiri',
  confirmThanks: 'Thank you {agent}! You have confirmed that {name} has been to the clinic!',
  confirmInitiator: 'Hi {worker}, CBA {agent} has CONFIRMED that {name} has been to the clinic.',
  confirmReminder: {
    text: 'Hi {agent}! If you know that {name} has been to the clinic, please send: CONFIRM {name}',
    long: LONG_KEPT,
  },
});
