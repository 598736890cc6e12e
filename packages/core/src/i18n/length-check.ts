import { isPluralMessage, type Message, messageLabel } from './messages';
import { placeholderNames } from './placeholders';
import { segmentInfo, splitSms } from './sms-encoding';
import type { Translator } from './translator';

/** Realistic long values for the placeholders, in the sense of the issue: the worst a user sees. */
export interface LengthSamples {
  /** A 30-character name: a contact's, a patient's, a worker's. */
  readonly name: string;
  /** The longest clinic name in the country's data. */
  readonly clinic: string;
  readonly district: string;
  readonly province: string;
  /** The largest count a text shows (results, samples, minutes). */
  readonly count: number;
  /** The longest dynamic word of a kind (`event`, `appointment`, `pronoun`, `place`), per language. */
  readonly words?: (kind: string, language: string) => string | undefined;
}

export interface LengthReport {
  readonly message: Message;
  readonly label: string;
  readonly language: string;
  /** Units of the rendered text (GSM-7 septets, or UTF-16 units for UCS-2). */
  readonly length: number;
  readonly rendered: string;
  /** How the outbox splits it at the country's SMS length. */
  readonly parts: readonly string[];
  /** Over the SMS length and not declared long: a failure. */
  readonly tooLong: boolean;
}

/** Values for each placeholder name the apps use; an unknown one gets a 30-character value. */
export function sampleValue(name: string, language: string, samples: LengthSamples): string | number {
  const word = samples.words?.(name === 'events' ? 'event' : name, language);
  if (word !== undefined) return name === 'agent' ? ` ${word}` : word;
  switch (name) {
    case 'agent':
      return ` ${samples.name}`; // "Thank you{agent}!": a name after a space, or nothing
    case 'name':
    case 'worker':
    case 'patient':
    case 'collector':
    case 'cba':
    case 'text':
      return samples.name;
    case 'clinic':
    case 'location':
    case 'oldClinic':
    case 'newClinic':
    case 'hub':
    case 'lab':
      return samples.clinic;
    case 'district':
      return samples.district;
    case 'province':
      return samples.province;
    case 'phone':
    case 'workerPhone':
      return '+260971234567';
    case 'pin':
      return '1234';
    case 'code':
    case 'word':
      return '1234567890';
    case 'zone':
      return '99';
    case 'year':
    case 'currentYear':
      return '2026';
    case 'date':
    case 'from':
    case 'to':
      return '30/12/2026';
    case 'id':
      return 'ZM-2026-123456';
    case 'language':
      return 'Chichewa';
    case 'keyword':
      return 'MWANA';
    // Broadcast's groups are fixed (app-broadcast groups.ts): the longest label, the longest
    // MSG list (a clinic worker's, or a district worker's), the longest role a HELP names.
    case 'group':
      return 'Mwana Users';
    case 'groups':
      return 'CBA, CLINIC, ALL, DHO';
    case 'role':
      return 'district-worker';
    case 'result':
    case 'detectedWord':
    case 'notDetectedWord':
    case 'rejectedWord':
      return 'Not Detected';
    case 'results':
    case 'list':
    case 'ids':
    case 'births':
    case 'cbas':
    case 'contacts': {
      // A batch: as many items as the largest count, each as long as a real one.
      const item =
        name === 'births' || name === 'cbas' || name === 'contacts' || name === 'list'
          ? samples.name
          : 'ZM-2026-123456: Not Detected';
      return Array.from({ length: Math.min(samples.count, 20) }, () => item).join(', ');
    }
    default:
      return /count|minutes|detected|rejected|total|max/i.test(name) ? samples.count : samples.name;
  }
}

/**
 * Renders every message in every language with the long samples, as the outbox would send it
 * to a contact of that language, and reports each rendering's length and split. A text over
 * `maxLength` fails unless its declaration says why it may be long (`long`).
 */
export function checkLengths(
  translator: Translator,
  messages: readonly Message[],
  languages: readonly string[],
  maxLength: number,
  samples: LengthSamples,
): LengthReport[] {
  const reports: LengthReport[] = [];
  for (const language of [...new Set(languages)]) {
    for (const message of messages) {
      const params: Record<string, string | number> = {};
      for (const name of placeholderNames(`${message.id} ${message.plural ?? ''}`)) {
        params[name] = sampleValue(name, language, samples);
      }
      if (isPluralMessage(message)) params.count = samples.count;
      const rendered = translator.render(message, params, language);
      const parts = splitSms(rendered, maxLength);
      reports.push({
        message,
        label: messageLabel(message),
        language,
        length: segmentInfo(rendered).units,
        rendered,
        parts,
        tooLong: parts.length > 1 && message.long === undefined,
      });
    }
  }
  return reports;
}
