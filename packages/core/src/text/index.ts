export { cleanMessageText, hasLetters, isShortCodeSender, UNREADABLE_MESSAGE_REPLY } from './string-cleaning';
export type { TextCleaning } from './string-cleaning';
export {
  collapseSpaces,
  lettersToDigits,
  levenshtein,
  removeDashAndPlus,
  soundex,
  wordsToNumber,
} from './input-cleaner';
export { calendarDay, parseSmsDate } from './dates';
export type { SmsDate, SmsDateOptions } from './dates';
export { isStorable, originalText, storableOnly, storableText } from './storable-text';
export type { StorableText } from './storable-text';
