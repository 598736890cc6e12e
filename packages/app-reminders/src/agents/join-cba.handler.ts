import { type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { Inject } from '@nestjs/common';
import type { RemindersSettings } from '../reminders.config';
import { REMINDERS_OPTIONS } from '../reminders.module-definition';
import { remindersTexts as texts } from '../reminders.texts';
import { parseAgentForm } from './agent-parser';
import { AgentRegistration } from './agent-registration.service';

// Results160's JOIN spellings, each with the words that make it the agent form.
const JOIN_SPELLINGS = ['JOIN', 'J0IN', 'JIN', 'JOHN', 'JO1N', 'JION', 'J01N', 'JON'];
const AGENT_WORDS = ['CBA', 'AGENT', 'HSA'];
const [FIRST, ...OTHERS] = JOIN_SPELLINGS.flatMap((join) => AGENT_WORDS.map((word) => `${join} ${word}`));

/**
 * JOIN CBA (docs/keywords.md#join-cba): the agent form of Results160's JOIN, answered as
 * AGENT. Its keywords are two words, so the router tries them before JOIN alone.
 */
@KeywordHandler({ app: 'reminders', keyword: FIRST, aliases: OTHERS, help: texts.joinCbaMalformed })
export class JoinCbaHandler extends KeywordHandlerBase {
  constructor(
    private readonly registration: AgentRegistration,
    @Inject(REMINDERS_OPTIONS) private readonly settings: RemindersSettings,
  ) {
    super();
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const form = parseAgentForm(rest, { languages: this.settings.joinCbaLanguage });
    if (!form) throw new SmsReplyError(texts.joinCbaMalformed);
    await this.registration.register(msg, form, texts.joinCbaMalformed);
  }
}
