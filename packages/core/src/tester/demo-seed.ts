import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/** Where `mwana demo seed` may write: never staging or production (the CLI refuses before booting). */
export const DEMO_ENVIRONMENTS: readonly string[] = ['development', 'test'];

export interface DemoSeedOptions {
  /** The app whose data this seeds, for the report (`locations`, `labresults`, ...). */
  readonly app: string;
  /** Seeds run in this order, lowest first: places before the people who work at them. */
  readonly order: number;
}

/** A day of the demo, in the country's time zone. */
export interface DemoDay {
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** `d/m/YYYY`, as people type a date in an SMS. */
  readonly dmy: string;
}

/**
 * What a demo seed uses: SMS typed through the message tester as the demo's phones (so the
 * data is what the apps themselves make of them, and the message log and every console page
 * show it), scheduled jobs run now, and values the earlier seeds left for the later ones.
 */
export interface DemoSession {
  /** The country's folder (its `data/`). */
  readonly countryDir: string;
  /** The `n`-th phone of the demo's block (E.164), 1 to 99. */
  phone(n: number): string;
  /**
   * Sends `text` as `phone` through the tester; the texts of the replies it queued. With
   * `expect`, throws unless the first reply matches it (the demo stops rather than seed
   * something else than it says).
   */
  sms(phone: string, text: string, expect?: RegExp): Promise<string[]>;
  /** Runs a scheduled job now; the messages it queued. */
  runJob(name: string): Promise<number>;
  /** Sends what is queued (the tester delivers at once), so replies and results are delivered. */
  deliver(): Promise<void>;
  /** Today (0) or `daysAgo` days before it. */
  day(daysAgo: number): DemoDay;
  /** Values for later seeds (`clinics`, set by locations). */
  readonly shared: Map<string, unknown>;
}

/** One app's part of `mwana demo seed`; returns a line per thing it made, for the operator. */
export interface DemoSeeder {
  seed(demo: DemoSession): Promise<string[]>;
}

/** A place the demo uses, as the locations seed shares it (`shared.get('clinics')`). */
export interface DemoPlace {
  readonly code: string;
  readonly name: string;
  /** The district's code, when the place has one. */
  readonly districtCode: string | null;
}

export const DemoSeedMeta = DiscoveryService.createDecorator<DemoSeedOptions>();

/**
 * Declares an app's part of the demo data (`mwana demo seed`, development and test only),
 * found through discovery like operator commands.
 *
 * @example
 * @DemoSeed({ app: 'reminders', order: 30 })
 * export class RemindersDemo implements DemoSeeder { async seed(demo) { ... } }
 */
export function DemoSeed(options: DemoSeedOptions): ClassDecorator {
  return applyDecorators(Injectable(), DemoSeedMeta(options));
}
