import { Clock, type IncomingMessage, KeywordHandler, KeywordHandlerBase, SmsReplyError } from '@mwana/core';
import { Inject } from '@nestjs/common';
import { ClinicDirectory } from '../clinics/clinic-directory';
import { demoClinic } from '../demo/demo-clinic';
import type { LabResultsSettings } from '../labresults.config';
import { LABRESULTS_OPTIONS } from '../labresults.module-definition';
import { labresultsTexts as texts } from '../labresults.texts';
import { fakeResults } from './fake-results';
import { PrintersService } from './printers.service';
import { messageContext } from './recipients.service';

/**
 * PRINTERDEMO `[<clinic code>]` (docs/keywords.md#printerdemo), for training: three made-up results
 * printed at the clinic (the code's, else the sender's) and its workers told, as a real
 * print run does. No result is stored; the printer SMS keep their sequence numbers.
 */
@KeywordHandler({ app: 'labresults', keyword: 'PRINTERDEMO', help: texts.printerDemoUnknown })
export class PrinterDemoHandler extends KeywordHandlerBase {
  constructor(
    private readonly directory: ClinicDirectory,
    private readonly printers: PrintersService,
    private readonly clock: Clock,
    @Inject(LABRESULTS_OPTIONS) private readonly settings: LabResultsSettings,
  ) {
    super();
  }

  // Alone, the keyword demonstrates at the sender's own clinic.
  override help(msg: IncomingMessage): Promise<void> {
    return this.handle(msg, '');
  }

  async handle(msg: IncomingMessage, rest: string): Promise<void> {
    const clinic = await demoClinic(this.directory, msg, rest);
    if (!clinic) throw new SmsReplyError(texts.printerDemoUnknown);
    await this.printers.printDemo(
      clinic,
      fakeResults(this.settings.fakeIdFormat, clinic.code),
      messageContext(msg, this.clock.now()),
    );
  }
}
