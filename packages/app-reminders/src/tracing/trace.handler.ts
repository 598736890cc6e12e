import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { AgentDirectory } from '../agents/agent-directory';
import { Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';
import { MANUAL_TRACE } from './patient-trace.entity';
import { Traces, traceName } from './traces.service';

const MAX_NAME = 50;

/** The names of a TRACE: split on `,`, `&`, `.` and the word "and" (`Mary, John & Grace and Ruth`). */
export function traceNames(text: string): string[] {
  return text
    .split(/[,&.]|\s+and\b/i)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * TRACE (docs/keywords.md#trace): a registered clinic worker asks the clinic's agents to find
 * one or more patients. Its text is read as sent (broadcast-like), so names keep their marks.
 */
@KeywordHandler({
  app: 'reminders',
  keyword: 'TRACE',
  aliases: ['TRASE', 'TRAC', 'TRESS', 'TRAICE', 'TRAS', 'FIND', 'FHND'],
  help: texts.traceHelp,
  // Names reach the agents as the worker wrote them (docs/keywords.md#text-cleaning).
  cleaning: 'verbatim',
})
export class TraceHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly places: Places,
    private readonly traces: Traces,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const worker = msg.contact;
    if (!this.directory.isClinicWorker(worker) || !(await this.directory.hasPin(worker, msg.db))) {
      const agent = msg.contact;
      if (this.directory.isAgent(agent)) throw new SmsReplyError(texts.traceCbaNotAllowed, { name: agent.name });
      throw new SmsReplyError(texts.unknownSender);
    }
    const names = traceNames(rest);
    if (names.length === 0) throw new SmsReplyError(texts.traceHelp);
    const clinic = await this.places.clinicOf(worker.locationId!, msg.db);
    const where = clinic ? await this.places.clinicAndZoneIds(clinic.id, msg.db) : [worker.locationId!];
    const agents = (await this.directory.agentsAmong(where, msg.db)).filter((agent) => agent.contact.id !== worker.id);
    const now = this.clock.now();
    for (const typed of names) {
      if (typed.length > MAX_NAME) {
        msg.respond(texts.traceTooLong, { name: typed });
        continue;
      }
      const name = traceName(typed);
      await this.traces.open(
        {
          name,
          kind: MANUAL_TRACE,
          initiator: 'clinic_worker',
          initiatorContactId: worker.id,
          clinicId: clinic?.id ?? worker.locationId,
        },
        now,
        msg.db,
      );
      msg.respond(texts.traceStarted, { worker: worker.name, name });
      for (const agent of agents) msg.notify(agent, texts.traceAsk, { agent: agent.contact.name, name });
    }
  }
}
