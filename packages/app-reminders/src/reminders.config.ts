import { defineConfigSection } from '@mwana/core';
import { z } from 'zod';

const word = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a keyword is one lower-case word: letters, digits and -')
  .max(30);

const appointment = z.strictObject({
  /** Name as it reads in the reminder ("is due for 6 day clinic visit"), and its identity: renaming one starts it afresh. */
  name: z.string().trim().min(1).max(60),
  /** Days after the event. */
  days: z.number().int().min(0).max(3650),
});

const event = z
  .strictObject({
    /** How the database names the event: never rename it once events are registered. */
    slug: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a slug is lower case: letters, digits and -'),
    /** Name as replies say it ("a birth"), translated through the catalogues. */
    name: z.string().trim().min(1).max(60),
    /** The words that register it, misspellings included (`birth`, `bith`). */
    keywords: z.array(word).min(1),
    /** Keywords a place word may follow without a space: `mwanaf` is `mwana f` (a facility birth). */
    joinedKeywords: z.array(word).default([]),
    /** f or m: replies say "her" or "his" next appointment; none says "his or her". */
    gender: z.enum(['f', 'm']).nullable().default(null),
    appointments: z.array(appointment).default([]),
  })
  .superRefine((value, ctx) => {
    const names = value.appointments.map((a) => a.name.toLowerCase());
    if (new Set(names).size !== names.length)
      ctx.addIssue({ code: 'custom', path: ['appointments'], message: 'two appointments of one event share a name' });
  });

export type EventSettings = z.output<typeof event>;
export type AppointmentSettings = z.output<typeof appointment>;

/** Mwana's one deployed event (docs/keywords.md#events): Birth, with its 6 day, 6 week and 6 month visits. */
export const DEFAULT_EVENTS: ReadonlyArray<z.input<typeof event>> = [
  {
    slug: 'birth',
    name: 'Birth',
    keywords: ['birth', 'bith', 'bilth', 'mwana'],
    joinedKeywords: ['mwana'],
    appointments: [
      { name: '6 day', days: 6 },
      { name: '6 week', days: 42 },
      { name: '6 month', days: 183 },
    ],
  },
];

/** RemindMi's country settings: events and their appointments are configuration, changed without code. */
export const remindersConfig = defineConfigSection('reminders', {
  /** Send appointment reminders at all (off on a training server: the job then sends and records nothing). */
  sendLive: z.boolean().default(true),
  /** Remind this many days before each appointment; a reminder the job missed is sent until the appointment's day. */
  daysBefore: z.number().int().min(0).max(14).default(2),
  events: z
    .array(event)
    .default(() => DEFAULT_EVENTS.map((e) => event.parse(e)))
    .superRefine((events, ctx) => {
      const slugs = new Set<string>();
      const keywords = new Set<string>();
      for (const [i, e] of events.entries()) {
        if (slugs.has(e.slug)) ctx.addIssue({ code: 'custom', path: [i, 'slug'], message: `${e.slug} twice` });
        slugs.add(e.slug);
        for (const keyword of e.keywords) {
          if (keywords.has(keyword))
            ctx.addIssue({ code: 'custom', path: [i, 'keywords'], message: `${keyword} names two events` });
          keywords.add(keyword);
        }
      }
    }),
  /** TOLD and CONFIRM look for traces started this many days back. */
  traceWindowDays: z.number().int().min(1).max(365).default(45),
  /** An agent who said TOLD is asked to CONFIRM this many days later. */
  confirmAfterDays: z.number().int().min(1).max(60).default(3),
  /** Events dated in an earlier year are refused as typing mistakes. */
  earliestYear: z.number().int().min(1900).max(2100).default(2010),
  /** Malawi: everyone registered with a staff role counts as an agent too (agents get reminders and traces). */
  everyJoinerIsAgent: z.boolean().default(false),
  /** Zambia: `JOIN CBA bem 403012 3 Mary` sets the agent's language. */
  joinCbaLanguage: z.boolean().default(false),
});

export type RemindersSettings = z.output<typeof remindersConfig.schema>;
