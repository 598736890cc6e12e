import { defineMessages, plural } from '@mwana/core';

// Why a text may be longer than one SMS (pnpm mwana translations check shows its split).
const LONG_BATCH = 'a batch: one item per result, sample or name, split over as many SMS as it takes';
const LONG_KEPT =
  "Mwana's own wording, kept as users know it: more than one SMS only with a 30-character name and the country's longest clinic name";

/** Results160's replies (docs/keywords.md), typos fixed. */
export const labresultsTexts = defineMessages('labresults', {
  joinHelp: 'To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>',
  joinMalformed:
    "Sorry, I didn't understand that. Make sure you send your type, location, name and pin like: JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>.",
  // Each pin text comes typed and untyped: the how-to names <TYPE> only when the sender used one.
  joinInvalidPinTyped:
    "Sorry, {word} wasn't a valid pin code. Please make sure your code is a 4-digit number like 1234. Send JOIN <TYPE> <LOCATION CODE> <YOUR NAME> <PIN CODE>.",
  joinInvalidPinUntyped:
    "Sorry, {word} wasn't a valid pin code. Please make sure your code is a 4-digit number like 1234. Send JOIN <LOCATION CODE> <YOUR NAME> <PIN CODE>.",
  joinNoSpaceBeforePinTyped: {
    text: 'Sorry, you should put a space before your pin. Please make sure your code is a 4-digit number like 1234. Send JOIN <TYPE> <LOCATION CODE> <YOUR NAME> <PIN CODE>.',
    long: LONG_KEPT,
  },
  joinNoSpaceBeforePinUntyped:
    'Sorry, you should put a space before your pin. Please make sure your code is a 4-digit number like 1234. Send JOIN <LOCATION CODE> <YOUR NAME> <PIN CODE>.',
  joinBadName:
    'Sorry, you must provide a valid name to register. To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>',
  joinUnknownLocation: "Sorry, I don't know about a location with code {code}. Please check your code and try again.",
  joinAlreadyRegistered: {
    text: "Your phone is already registered to {name} at {location}. To change name or location first reply with keyword 'LEAVE' and try again.",
    long: LONG_KEPT,
  },
  joinCbaHelp:
    "Sorry, I didn't understand that. To register as a Mobile agent, send JOIN <CBA> <CLINIC CODE> <ZONE #> <YOUR NAME>",
  joinedClinic: {
    text: "Hi {name}, thanks for registering for Results160 from {location}. Your PIN is {pin}. Reply with keyword 'HELP' if this is incorrect",
    long: LONG_KEPT,
  },
  joinedHub: {
    text: "Hi {name}, thanks for registering for Results160 from hub at {location}. Your PIN is {pin}. Reply with keyword 'HELP' if this is incorrect",
    long: LONG_KEPT,
  },
  joinedDistrict: {
    text: "Hi {name}, thanks for registering for Results160 from {location} DHO. Your PIN is {pin}. Reply with keyword 'HELP' if this is incorrect",
    long: LONG_KEPT,
  },
  joinedProvince: {
    text: "Hi {name}, thanks for registering for Results160 from {location} PHO. Your PIN is {pin}. Reply with keyword 'HELP' if this is incorrect",
    long: LONG_KEPT,
  },

  // Approval of new clinic workers (labresults.approveClinicWorkers), and the notice to their colleagues.
  joinedClinicPending: {
    text: 'Hi {name}, you joined Results160 at {location}. Your PIN is {pin}. Results will come once the help desk or a colleague approves you.',
    long: LONG_KEPT,
  },
  joinNoticeApprove: {
    text: '{name} ({phone}) joined {clinic}. If you know them, reply APPROVE {phone}. If not, reply REJECT {phone}.',
    long: LONG_KEPT,
  },
  joinNotice: {
    text: '{name} ({phone}) joined {clinic} as a clinic worker. If you do not know them, reply REJECT {phone}.',
    long: LONG_KEPT,
  },
  awaitingApproval: {
    text: 'Hello {name}. Your registration at {clinic} waits for approval by the help desk or a colleague. We will tell you when it is done.',
    long: LONG_KEPT,
  },
  notApproved: {
    text: 'Sorry {name}, your registration at {clinic} was not approved: no results will be sent to you. If this is a mistake, reply HELP.',
    long: LONG_KEPT,
  },
  approvedNotice: 'Hello {name}, your registration at {clinic} has been approved. To get results, send CHECK.',
  approveHelp: 'To approve a new clinic worker, send APPROVE <phone #>',
  rejectHelp: 'To refuse results to a clinic worker, send REJECT <phone #>',
  approveNotAllowed:
    'Sorry, only the help desk or an approved clinic worker of the same clinic can approve or refuse a clinic worker.',
  approveUnknown: "Sorry, I don't know of a clinic worker with the phone number {phone}.",
  approvedDone: 'Thank you {name}. {worker} ({phone}) at {clinic} can now receive results.',
  rejectedDone: 'Thank you {name}. {worker} ({phone}) at {clinic} will not receive results.',

  checkNotEligible:
    'Sorry you must be registered with a clinic to check results. To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>',
  resultsReady:
    'Hello {name}. We have {count} DBS test results ready for you. Please reply to this SMS with your pin code to retrieve these results.',
  noNewResults: {
    text: "Hello {name}. There are no new DBS test results for {clinic} right now. We'll let you know as soon as more results are available.",
    long: LONG_KEPT,
  },

  resultsFirst: { text: 'Thank you! Here are your results: {results}', long: LONG_BATCH },
  alreadyCollected: '{name} has collected these results',
  youCollected:
    "Hi {name}. It looks like you already collected your DBS results. To check for new results reply with keyword 'CHECK'",
  otherCollected: {
    text: "Hi {name}. It looks like the results you are looking for were already collected by {collector}. To check for new results reply with keyword 'CHECK'",
    long: LONG_KEPT,
  },
  deleteReminder:
    'Please record these results in your clinic records and promptly delete them from your phone. Thank you again {name}!',
  badPin:
    "Sorry, that was not the correct pin code. Your pin code is a 4-digit number like 1234. If you forgot your pin code, reply with keyword 'HELP'",
  pinLocked:
    "Sorry, that was not the correct pin code too many times. Your results are locked for {minutes} minutes. If you forgot your pin code, reply with keyword 'HELP'",
  // A results SMS the gateways could not send (docs/keywords.md#pin-reply): its results wait again.
  resultsSmsFailed:
    'Sorry {name}, the SMS with your results could not be sent. They wait for you again: send CHECK to get them.',
  resultsSmsFailedAlert:
    'The results SMS to {name} ({phone}) at {clinic} could not be sent: {count} result(s) wait again.',
  pinLockedAlert: {
    text: '{name} ({phone}) at {clinic} sent {count} wrong pin codes in a row. Their results are locked for {minutes} minutes.',
    long: LONG_KEPT,
  },

  // Printers (PRINTER ADD|REMOVE, result slips, PRINTERDEMO; docs/keywords.md#printer, #printerdemo).
  printerNotAdmin: 'You must be a registered help admin to add or remove printers.',
  printerHelp: 'To add or remove a printer, send PRINTER ADD|REMOVE <location> <backend> <phone #>',
  printerUnknownLocation: 'Location ID {code} is not known.',
  printerUnknownBackend: 'Backend name {name} is not known.',
  printerRegistered:
    'You have successfully registered this printer at {location}. You will receive results as soon as they are available.',
  printerAdded: 'Printer added successfully.',
  printerNotFound: 'No active printer found with that backend and phone number at that location.',
  printerDeregistered: 'This printer has been deregistered from {location}. You will no longer receive results.',
  printerRemoved: 'Printer removed successfully.',
  printerSlip: '{clinic}.\r\nPatient ID: {id}.\r\nHIV-DNAPCR Result:\r\n{result}.\r\nApproved by {lab}.',
  printedNotice: { text: 'Hello {name}, {count} results sent to printer at {clinic}. IDs : {ids}', long: LONG_BATCH },
  printerDemoUnknown:
    'Sorry you must be registered with a clinic or specify in your message to initiate a demo of Results160. To specify a clinic send: PRINTERDEMO <CLINIC_CODE>',

  // Changed results (docs/keywords.md#scheduled-messages); the follow-up names results, never their values (docs/keywords.md#who-sees-results).
  resultsChanged: plural(
    'URGENT: A result sent to your clinic has changed. Please send your pin, get the new result and update your logbooks.',
    'URGENT: Some results sent to your clinic have changed. Please send your pin, get the new results and update your logbooks.',
  ),
  changedFollowup: {
    text: 'Make a followup for changed results {clinic}: {results}. Contacts = {contacts}',
    long: LONG_BATCH,
  },

  // RESULT (docs/keywords.md#result): results found wait for the PIN (resultsReady), as after CHECK.
  resultHelp: 'To request for results for a DBS sample, send RESULT <sampleid>. E.g result ID45',
  resultRegisteredOnly:
    "Sorry, you must be registered with Results160 to receive DBS results. If you think this message is a mistake, respond with keyword 'HELP'",
  resultNotUnderstood: "Sorry, we didn't understand that message. Send the keyword HELP if you need to be helped.",
  resultFake:
    'Sample {id}: {result}. Please record these results in your clinic records and promptly delete them from your phone. Thanks again',
  resultNotReady: {
    text: 'The results for sample(s) {ids} are not yet ready. You will be notified when they are ready.',
    long: LONG_BATCH,
  },
  resultNotFoundOne:
    'There are currently no results available for {id}. Please check if the SampleID is correct or sms HELP if you have been waiting for 2 months or more',
  resultNotFoundMany: {
    text: "There are currently no results available for {ids}. Please check if the SampleID's are correct or sms HELP if you have been waiting for 2 months or more",
    long: LONG_BATCH,
  },

  // PIN RESET (docs/keywords.md#pin-reset: PINs are hashed, so help admins reset them instead of reading them).
  pinResetNotAdmin: 'You must be a registered help admin to reset a PIN.',
  pinResetHelp: 'To reset the PIN of a user, send PIN RESET <phone #>',
  pinResetUnknown: "Sorry, I don't know of a registered user with the phone number {phone}.",
  pinResetNew:
    'Hi {name}, the help desk has reset your Results160 PIN. Your new PIN is {pin}. Please remember it and delete this message.',
  pinResetDone: 'The PIN of {name} ({phone}) has been reset. The new PIN was sent to their phone only.',

  // SENT (docs/keywords.md#sent) and RECEIVED (#received), typos fixed.
  sentHelp: 'To report DBS samples sent, send SENT <NUMBER OF SAMPLES>',
  sentRegisteredOnly:
    "Sorry, you must be registered with Results160 to report DBS samples sent. If you think this message is a mistake, respond with keyword 'HELP'",
  sentNotUnderstood:
    "Sorry, we didn't understand that message. To report DBS samples sent, send SENT <NUMBER OF SAMPLES>",
  sentZero: 'Sorry, the number of DBS samples sent must be greater than 0 (zero).',
  sentFromClinic: {
    text: 'Hello {name}! We received your notification that {count} DBS samples were sent to us today from {clinic}. We will notify you when the results are ready.',
    long: LONG_KEPT,
  },
  sentFromHub:
    'Hello {name}! We received your notification that {count} DBS samples were sent to us today from {hub} hub.',
  sentToHub: 'Hello {name}! {clinic} have sent {count} samples to {hub} hub today.',
  receivedHelp:
    "Sorry, we didn't understand that message. To report DBS samples received, send RECEIVED <NUMBER OF SAMPLES> <CLINIC-CODE>",
  receivedUnknownClinic: "Sorry, I don't know about a location with code '{code}'",
  receivedZero: 'Sorry, the number of DBS samples received must be greater than 0 (zero).',
  received: 'Hello {name}! We received your notification that you received {count} DBS samples today from {clinic}.',

  // REPORT (docs/keywords.md#report): results sent in a month, by result.
  reportHelp: 'To view a report, send REPORT <CLINIC_CODE> [MONTH]',
  reportNotAllowed: 'I am sorry, you do not have permission to view reports.',
  reportUnknownLocation: "Sorry, I don't know about a location with code {code}. Please check your code and try again.",
  report:
    'SENT RESULTS\n{location}\n{from} to {to}\n{detectedWord};{detected}\n{notDetectedWord};{notDetected}\n{rejectedWord};{rejected}\nTT;{total}',

  // DEMO (docs/keywords.md#demo, training): the real texts with made-up results.
  demoUnknown:
    'Sorry you must be registered with a clinic or specify in your message to initiate a demo of Results160. To specify a clinic send: DEMO <CLINIC_CODE>',
});
