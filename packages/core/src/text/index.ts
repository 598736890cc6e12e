export { cleanMessageText, hasLetters, isShortCodeSender, UNREADABLE_MESSAGE_REPLY } from './string-cleaning';
export type { TextCleaning } from './string-cleaning';
export {
  collapseSpaces,
  exactNumberWord,
  lettersToDigits,
  levenshtein,
  removeDashAndPlus,
  soundex,
  wordsToNumber,
} from './input-cleaner';
export { calendarDay, monthNumber, parseSmsDate } from './dates';
export { plainTyping } from './typing';
export type { SmsDate, SmsDateOptions } from './dates';
export { isStorable, originalText, storableOnly, storableText } from './storable-text';
export type { StorableText } from './storable-text';
