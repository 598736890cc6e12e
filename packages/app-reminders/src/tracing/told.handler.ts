import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase } from '@mwana/core';
import { remindersTexts as texts } from '../reminders.texts';
import { TraceAnswers } from './trace-answers.service';

/** TOLD (docs/keywords.md#told): an agent told a traced patient to come to the clinic. */
@KeywordHandler({
  app: 'reminders',
  keyword: 'TOLD',
  aliases: ['TOLL', 'TELD', 'TOD', 'TELLD', 'T0LD', 'T01D'],
  help: texts.toldHelp,
})
export class ToldHandler extends KeywordHandlerBase {
  constructor(
    private readonly answers: TraceAnswers,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const { agent, name, clinicId } = await this.answers.agentAnswer(msg, rest, texts.toldHelp);
    const now = this.clock.now();
    const traces = this.answers.traces;
    const trace =
      (await traces.findOpen({ name, clinicId, statuses: ['new'] }, now, msg.db)) ??
      (await this.answers.unrecognized(agent, name, clinicId, 'new', now, msg.db));
    await traces.told(trace, agent.id, now, msg.db);
    await this.answers.tellInitiator(msg, trace, texts.toldInitiator, { agent: agent.name, name });
    msg.respond(texts.toldThanks, { agent: agent.name, name });
  }
}
