import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase } from '@mwana/core';
import { remindersTexts as texts } from '../reminders.texts';
import { TraceAnswers } from './trace-answers.service';

/** CONFIRM (docs/keywords.md#confirm): an agent saw a traced patient come to the clinic. */
@KeywordHandler({
  app: 'reminders',
  keyword: 'CONFIRM',
  aliases: ['CONFERM', 'CONFHRM', 'CNFRM', 'COMFIRM', 'COMFERM', 'COMFHRM', 'CMFRM', 'COFIRM', 'CONF1RM', 'CONFIRMED'],
  help: texts.confirmHelp,
})
export class ConfirmHandler extends KeywordHandlerBase {
  constructor(
    private readonly answers: TraceAnswers,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const { agent, name, clinicId } = await this.answers.agentAnswer(msg, rest, texts.confirmHelp);
    const now = this.clock.now();
    const traces = this.answers.traces;
    // Told, or told and since asked to confirm: both wait for this answer.
    const trace = await traces.findOpen({ name, clinicId, statuses: ['told', 'awaiting_confirm'] }, now, msg.db);
    if (!trace) {
      const made = await this.answers.unrecognized(agent, name, clinicId, 'confirmed', now, msg.db);
      await traces.confirmed(made, agent.id, now, msg.db);
    } else {
      await traces.confirmed(trace, agent.id, now, msg.db);
      await this.answers.tellInitiator(msg, trace, texts.confirmInitiator, { agent: agent.name, name });
    }
    msg.respond(texts.confirmThanks, { agent: agent.name, name });
  }
}
