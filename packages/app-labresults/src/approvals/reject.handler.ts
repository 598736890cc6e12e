import { type IncomingMessage, KeywordHandler, KeywordHandlerBase } from '@mwana/core';
import { labresultsTexts as texts } from '../labresults.texts';
import { ApprovalDecisions } from './approval-decisions.service';

/** REJECT `<phone>`: a clinic worker receives no results (help admins, approved colleagues). */
@KeywordHandler({
  app: 'labresults',
  keyword: 'REJECT',
  aliases: ['REJECTED', 'REJET', 'DENY'],
  help: texts.rejectHelp,
})
export class RejectHandler extends KeywordHandlerBase {
  constructor(private readonly decisions: ApprovalDecisions) {
    super();
  }

  handle(msg: IncomingMessage, rest: string): Promise<void> {
    return this.decisions.bySms(msg, rest, 'rejected');
  }
}
