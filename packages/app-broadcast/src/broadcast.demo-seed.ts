import { DemoSeed, type DemoPlace, type DemoSeeder, type DemoSession } from '@mwana/core';

/**
 * Broadcast's demo: a clinic worker of the demo messages everyone at her clinic (MSG ALL), and
 * another asks the help desk for help (HELP), once the other apps' demo people are registered.
 */
@DemoSeed({ app: 'broadcast', order: 40 })
export class BroadcastDemoSeed implements DemoSeeder {
  async seed(demo: DemoSession): Promise<string[]> {
    const clinics = demo.shared.get('clinics') as DemoPlace[] | undefined;
    const clinic = clinics?.[0]?.name ?? 'the clinic';
    await demo.sms(
      demo.phone(1),
      `MSG ALL The vaccine fridge at ${clinic} is working again: bring the children due this week.`,
      /has been sent to/,
    );
    await demo.sms(demo.phone(3), 'HELP I have not had results for two weeks');
    await demo.deliver();
    return ['a message to everyone at the first clinic (MSG ALL)', 'a help request (HELP)'];
  }
}
