import { type IncomingMessage, KeywordHandler, KeywordHandlerBase } from '@mwana/core';
import { labresultsTexts as texts } from '../labresults.texts';
import { ApprovalDecisions } from './approval-decisions.service';

/** APPROVE `<phone>`: a new clinic worker may receive results (help admins, approved colleagues). */
@KeywordHandler({
  app: 'labresults',
  keyword: 'APPROVE',
  aliases: ['APROVE', 'APPROV', 'APPROVED'],
  help: texts.approveHelp,
})
export class ApproveHandler extends KeywordHandlerBase {
  constructor(private readonly decisions: ApprovalDecisions) {
    super();
  }

  handle(msg: IncomingMessage, rest: string): Promise<void> {
    return this.decisions.bySms(msg, rest, 'approved');
  }
}
