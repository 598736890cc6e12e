import { DemoSeed, type DemoPlace, type DemoSeeder, type DemoSession, generatePassword } from '@mwana/core';
import { LabAccountsService } from './upload/lab-accounts.service';
import { PayloadService } from './upload/payload.service';

/** The demo's clinic workers: phone number in the demo's block, clinic (index), name. */
export const DEMO_WORKERS = [
  { phone: 1, clinic: 0, name: 'Chikondi Banda' },
  { phone: 2, clinic: 0, name: 'Grace Phiri' },
  { phone: 3, clinic: 1, name: 'Mphatso Mwale' },
  { phone: 4, clinic: 2, name: 'Thoko Chirwa' },
] as const;
/** The district worker, at the first clinic's district. */
const DISTRICT_WORKER = { phone: 5, name: 'Kondwani Gondwe' };
/** Every demo worker's PIN: demo data, on development and test databases only. */
const PIN = '1234';

/**
 * Results160's demo: clinic workers and a district worker JOIN by SMS; a lab uploads through
 * the lab upload's own service; the morning notice runs; one worker collects her clinic's
 * results with CHECK and her PIN; the lab then changes one of them and sends a new one. So
 * every state is there: unprocessed, new, notified, sent and updated.
 */
@DemoSeed({ app: 'labresults', order: 20 })
export class LabResultsDemoSeed implements DemoSeeder {
  constructor(
    private readonly accounts: LabAccountsService,
    private readonly payloads: PayloadService,
  ) {}

  async seed(demo: DemoSession): Promise<string[]> {
    const clinics = demo.shared.get('clinics') as DemoPlace[] | undefined;
    if (!clinics?.length) throw new Error('the labresults demo needs the locations demo first');
    const at = (i: number) => clinics[Math.min(i, clinics.length - 1)];
    const lines: string[] = [];

    for (const worker of DEMO_WORKERS) {
      const clinic = at(worker.clinic);
      await demo.sms(demo.phone(worker.phone), `JOIN ${clinic.code} ${worker.name} ${PIN}`, /thanks for registering/);
    }
    lines.push(`${DEMO_WORKERS.length} clinic workers joined (${demo.phone(1)} to ${demo.phone(DEMO_WORKERS.length)})`);
    const district = at(0).districtCode;
    if (district) {
      await demo.sms(
        demo.phone(DISTRICT_WORKER.phone),
        `JOIN ${district} ${DISTRICT_WORKER.name} ${PIN}`,
        /thanks for registering/,
      );
      lines.push(`a district worker joined at district ${district} (${demo.phone(DISTRICT_WORKER.phone)})`);
    }

    const account = await this.accounts.add('demo-lab', generatePassword());
    const sample = (id: string, clinic: DemoPlace, result: string | null, daysAgo: number, sync = 'new') => ({
      id,
      fac: clinic.code,
      pat_id: `DEMO-${id}`,
      sync,
      ...(result ? { result } : {}),
      coll_on: demo.day(daysAgo).iso,
      verified: true,
    });
    await this.upload(account.id, demo, [
      sample('9001', at(0), 'negative', 9),
      sample('9002', at(0), 'positive', 8),
      sample('9003', at(0), 'rejected', 8),
      sample('9004', at(1), 'negative', 7),
      sample('9005', at(1), 'positive', 7),
      sample('9006', at(2), null, 3),
    ]);
    const notices = await demo.runJob('labresults.notify-new-results');
    await demo.deliver();
    lines.push(`a lab upload of 6 samples; the morning notice told ${notices} worker(s)`);

    await demo.sms(demo.phone(1), 'CHECK', /results ready/);
    await demo.sms(demo.phone(1), PIN, /Here are your results/);
    await demo.deliver();
    lines.push(`${DEMO_WORKERS[0].name} collected ${at(0).name}'s results with CHECK and her PIN`);

    await this.upload(account.id, demo, [
      sample('9003', at(0), 'negative', 8, 'update'),
      sample('9007', at(2), 'negative', 2),
    ]);
    lines.push(
      'the lab changed a collected result (updated) and sent a new one (new); one sample waits for its result',
    );
    return lines;
  }

  private async upload(accountId: number, demo: DemoSession, samples: object[]): Promise<void> {
    const body = JSON.stringify({
      source: 'demo/lab',
      version: '1.0',
      now: `${demo.day(0).iso} 07:00:00`,
      info: 'demo data',
      logs: [],
      samples,
    });
    const outcome = await this.payloads.receive(body, accountId, 'text/json');
    if (outcome.errors.length > 0 || outcome.failure)
      throw new Error(`the demo's lab upload was refused: ${[...outcome.errors, outcome.failure ?? ''].join('; ')}`);
  }
}
