import { type Contact, type IncomingMessage, type Message, SmsReplyError, type TextParams } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgentDirectory } from '../agents/agent-directory';
import { collapse } from '../names';
import { Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';
import { type PatientTrace, type TraceStatus, UNRECOGNIZED_TRACE } from './patient-trace.entity';
import { Traces } from './traces.service';

/** What TOLD and CONFIRM share: who may answer, the name, the agent's clinic, who else to tell. */
@Injectable()
export class TraceAnswers {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly places: Places,
    readonly traces: Traces,
  ) {}

  /** The answering agent, the name as typed and the agent's clinic; refuses a long text, a clinic worker, a stranger. */
  async agentAnswer(
    msg: IncomingMessage,
    rest: string,
    help: Message,
  ): Promise<{ agent: Contact; name: string; clinicId: number | null }> {
    const name = collapse(rest);
    if (name.split(' ').length > 4) throw new SmsReplyError(help);
    const agent = msg.contact;
    if (!this.directory.isAgent(agent)) {
      const worker = msg.contact;
      if (this.directory.isClinicWorker(worker)) throw new SmsReplyError(texts.onlyAgents, { name: worker.name });
      throw new SmsReplyError(texts.unknownSender);
    }
    const clinic = agent.locationId === null ? null : await this.places.clinicOf(agent.locationId, msg.db);
    return { agent, name, clinicId: clinic?.id ?? null };
  }

  /** A trace for a name nobody traced, opened by the agent's answer. */
  unrecognized(
    agent: Contact,
    name: string,
    clinicId: number | null,
    status: TraceStatus,
    now: Date,
    db: EntityManager,
  ): Promise<PatientTrace> {
    return this.traces.open(
      { name, kind: UNRECOGNIZED_TRACE, initiator: 'cba', initiatorContactId: agent.id, clinicId, status },
      now,
      db,
    );
  }

  /** The clinic worker who started the trace hears of the answer. */
  async tellInitiator(msg: IncomingMessage, trace: PatientTrace, text: Message, params: TextParams): Promise<void> {
    if (trace.initiator !== 'clinic_worker' || trace.initiatorContactId === null) return;
    const worker = await this.directory.recipient(trace.initiatorContactId, msg.db);
    if (worker?.contact) msg.notify(worker, text, { ...params, worker: worker.contact.name });
  }
}
