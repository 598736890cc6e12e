import { defineMessages } from '../i18n/messages';

/** LEAVE and LANGUAGE (docs/keywords.md#leave, #language), typo-free. */
export const contactsTexts = defineMessages('contacts', {
  leaveDone: "You have successfully unregistered, {name}. We're sorry to see you go.",
  leaveUnknown:
    "Whoops - you tried to unregister from the system but I don't know who you are! Don't worry, you won't be receiving any messages from us.",
  languageUnknownSender: 'You must JOIN or IDENTIFY yourself before you can set your language preference.',
  languageSet: 'I will speak to you in {language}.',
  languageNotSpoken: 'Sorry, I don\'t speak "{text}".',
  languageHelp: 'To set your language, send LANGUAGE <CODE>',
});
