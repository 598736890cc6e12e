import { splitSms } from '@mwana/core';

/**
 * Script lines expecting `text` at `phone` as the phone receives it: split between words into
 * SMS of the country's length, as the outbox sends a long reply (160 by default; Malawi 158).
 */
export function receives(phone: string, text: string, maxLength = 160): string {
  return splitSms(text, maxLength)
    .map((part) => `${phone} < ${part}`)
    .join('\n');
}

/** RemindMi's English texts as tests expect them, filled in. */
export const says = {
  birthRegistered: (name: string, date: string, agent = ' Mary Phiri', pronoun = 'his or her'): string =>
    `Thank you${agent}! You have successfully registered a birth for ${name} on ${date}. You will be notified when it is time for ${pronoun} next appointment at the clinic.`,
  reminder: (agent: string, patient: string, appointment: string, date: string, clinic = 'Chifubu Clinic'): string =>
    `Hi${agent}.${patient} is due for ${appointment} clinic visit on ${date}.Please remind them to visit ${clinic}, then reply with TOLD ${patient}`,
};
