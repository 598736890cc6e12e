import { DemoSeed, type DemoPlace, type DemoSeeder, type DemoSession } from '@mwana/core';
import { EventCatalogue } from './events/event-catalogue';

/** The demo's agents: phone number in the demo's block, clinic (index), zone, name. */
const AGENTS = [
  { phone: 11, clinic: 0, zone: '1', name: 'Chisomo Tembo' },
  { phone: 12, clinic: 0, zone: '2', name: 'Yamikani Kachale' },
  { phone: 13, clinic: 1, zone: '1', name: 'Limbani Nyirenda' },
] as const;
/** Births the agents register: agent (index), days ago, place word, the child's name. */
const BIRTHS = [
  { agent: 0, daysAgo: 3, place: 'f', name: 'Mercy Banda' },
  { agent: 0, daysAgo: 40, place: 'h', name: 'Blessings Phiri' },
  { agent: 1, daysAgo: 170, place: '', name: 'Daniel Mwale' },
  { agent: 2, daysAgo: 1, place: 'f', name: 'Tiyamike Zulu' },
] as const;

/**
 * RemindMi's demo: agents register by SMS (AGENT) in zones of the demo's clinics, and
 * register births over the last six months (the first configured event's keyword), so the
 * console shows upcoming appointments, births by agent and agents per zone.
 */
@DemoSeed({ app: 'reminders', order: 30 })
export class RemindersDemoSeed implements DemoSeeder {
  constructor(private readonly catalogue: EventCatalogue) {}

  async seed(demo: DemoSession): Promise<string[]> {
    const clinics = demo.shared.get('clinics') as DemoPlace[] | undefined;
    if (!clinics?.length) throw new Error('the reminders demo needs the locations demo first');
    const at = (i: number) => clinics[Math.min(i, clinics.length - 1)];
    for (const agent of AGENTS) {
      await demo.sms(
        demo.phone(agent.phone),
        `AGENT ${at(agent.clinic).code} ${agent.zone} ${agent.name}`,
        /successfully registered/,
      );
    }
    const lines = [`${AGENTS.length} agents registered in zones of ${at(0).name} and ${at(1).name}`];
    const event = this.catalogue.events[0];
    if (!event) return [...lines, 'no event is configured (reminders.events): no births'];
    for (const birth of BIRTHS) {
      const words = [event.keyword, birth.place, demo.day(birth.daysAgo).dmy, birth.name].filter(Boolean);
      await demo.sms(demo.phone(AGENTS[birth.agent].phone), words.join(' '), /registered a/);
    }
    lines.push(`${BIRTHS.length} ${event.keyword} registrations, from yesterday to six months ago`);
    return lines;
  }
}
