import { type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { remindersTexts as texts } from '../reminders.texts';
import { parseAgentForm } from './agent-parser';
import { AgentRegistration } from './agent-registration.service';

/** AGENT (docs/keywords.md#agent): a community agent registers into a zone of a clinic. */
@KeywordHandler({
  app: 'reminders',
  keyword: 'AGENT',
  aliases: ['AGEMT', 'URGENT', 'AJENT', 'AGDMT', 'AGNT', 'AGANT'],
  help: texts.agentHelp,
  advertise: 20,
})
export class AgentHandler extends KeywordHandlerBase {
  constructor(private readonly registration: AgentRegistration) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const form = parseAgentForm(rest);
    if (!form) throw new SmsReplyError(texts.agentMalformed);
    await this.registration.register(msg, form, texts.agentMalformed);
  }
}
