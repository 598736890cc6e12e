export {
  cleanMessageText,
  DEFAULT_SLASH_KEYWORDS,
  DEFAULT_VERBATIM_KEYWORDS,
  hasLetters,
  isShortCodeSender,
  UNREADABLE_MESSAGE_REPLY,
} from './string-cleaning';
export type { MessageCleaningOptions } from './string-cleaning';
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
