export { Catalogue, type PoSource, type Translation } from './catalogue';
export { I18nError, I18nErrorCode } from './i18n.error';
export { CORE_LOCALE_DIR, I18nModule, type I18nModuleOptions } from './i18n.module';
export {
  configText,
  defineMessages,
  isPluralMessage,
  messageLabel,
  plural,
  registeredMessages,
  type Message,
  type MessageParams,
  type MessageSpec,
  type Placeholders,
  type PluralMessage,
  type PluralSpec,
  type TextSpec,
} from './messages';
export { checkLengths, sampleValue, type LengthReport, type LengthSamples } from './length-check';
export { LARGEST_COUNT, lengthSamples, longestPlaceNames } from './length-samples';
export { findMissingTranslations, type MissingTranslations } from './missing-translations';
export { interpolate, placeholderNames } from './placeholders';
export { toPot, type PotOptions } from './pot';
export {
  gsm7Length,
  isGsm7,
  segmentInfo,
  smsEncoding,
  splitSms,
  type SegmentInfo,
  type SmsEncoding,
} from './sms-encoding';
export { isSourceLanguage, SOURCE_LANGUAGE, Translator, type TranslatorOptions } from './translator';
export { renderEnglish } from './render';
export { TextRenderer } from './text-renderer';
export { isLiteral, literal, type TextParams, type Translatable } from './translatable';
