import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicDirectory } from './clinics/clinic-directory';
import { LocationsClinicDirectory } from './clinics/locations-clinic.directory';
import { LabAccount } from './entities/lab-account.entity';
import { LabPayload } from './entities/lab-payload.entity';
import { LabResult } from './entities/lab-result.entity';
import { PendingPin } from './entities/pending-pin.entity';
import { ResultDisclosure } from './entities/result-disclosure.entity';
import { JoinHandler } from './join/join.handler';
import { ConfigurableModuleClass } from './labresults.module-definition';
import { PinResetHandler } from './admin/pin-reset.handler';
import { DemoHandler } from './demo/demo.handler';
import { LabResultsDemoSeed } from './labresults.demo-seed';
import { DemoPending } from './demo/demo-pending.entity';
import { DemoResults } from './demo/demo-results.service';
import { ReceivedHandler } from './samples/received.handler';
import { SampleNotices } from './samples/sample-notices.service';
import { SampleNotification } from './samples/sample-notification.entity';
import { SentHandler } from './samples/sent.handler';
import { CheckHandler } from './results/check.handler';
import { ReportHandler } from './queries/report.handler';
import { ResultHandler } from './queries/result.handler';
import { DisclosureService } from './results/disclosure.service';
import { NotifyNewResultsJob } from './results/notify-new-results.job';
import { PinAttempts } from './results/pin-attempts.service';
import { PinReplyApp } from './results/pin-reply.app';
import { ResultDelivery } from './results/result-delivery.service';
import { ResultsSmsText } from './results/results-sms.text';
import { ResultsRecovery } from './results/results-recovery.service';
import { ResultsService } from './results/results.service';
import { LabAccountsService } from './upload/lab-accounts.service';
import { LabUploadRoute } from './upload/lab-upload.route';
import { LabUploadOperations } from './upload/lab-upload.operations';
import { LabResultsCommand } from './upload/labresults.command';
import { PayloadService } from './upload/payload.service';
import { ReprocessPayloadsJob } from './upload/reprocess-payloads.job';
import { NotifyChangedResultsJob } from './changes/notify-changed-results.job';
import { ConfirmSmsApp } from './printers/confirm-sms.app';
import { IndependentPrinterClinic } from './printers/independent-printer-clinic.entity';
import { MessageConfirmation } from './printers/message-confirmation.entity';
import { PrinterDemoHandler } from './printers/printer-demo.handler';
import { PrinterSender } from './printers/printer-sender.service';
import { PrinterHandler } from './printers/printer.handler';
import { PrintersService } from './printers/printers.service';
import { RecipientsService } from './printers/recipients.service';
import { SendToPrintersJob } from './printers/send-to-printers.job';
import { labresultsConsoleProviders } from './console';
import { LabLogsService } from './logs/lab-logs.service';
import { LabResultsRoles } from './labresults.roles';
import { ClinicWorkers } from './clinics/clinic-workers.service';
import { ApprovalsService } from './approvals/approvals.service';
import { WorkerJoins } from './approvals/worker-joins.service';
import { ApprovalDecisions } from './approvals/approval-decisions.service';
import { ApproveHandler } from './approvals/approve.handler';
import { RejectHandler } from './approvals/reject.handler';
import { ApprovalNoticesJob } from './approvals/approval-notices.job';
import { WorkerApproval } from './approvals/worker-approval.entity';

/**
 * Results160: JOIN, CHECK, the PIN reply, the new-results notice, the lab upload route and
 * its re-run job, and the `mwana labresults` command. Listed by a country as `labresultsApp` (with its own config section), beside
 * `LocationsModule` (the clinic directory reads the location tree through it). Printers
 * (PRINTER, `Confirm SMS`, PRINTERDEMO, the send-to-printers job) and the changed-results notice too.
 *
 * @example
 * LabResultsModule.forRoot(config.section(labresultsConfig))
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      SampleNotification,
      DemoPending,
      LabAccount,
      LabPayload,
      LabResult,
      PendingPin,
      WorkerApproval,
      ResultDisclosure,
      MessageConfirmation,
      IndependentPrinterClinic,
    ]),
  ],
  providers: [
    { provide: ClinicDirectory, useClass: LocationsClinicDirectory },
    ResultsService,
    DisclosureService,
    PinAttempts,
    LabResultsRoles,
    ClinicWorkers,
    ApprovalsService,
    WorkerJoins,
    ApprovalDecisions,
    ApproveHandler,
    RejectHandler,
    ApprovalNoticesJob,
    ResultDelivery,
    ResultsSmsText,
    ResultsRecovery,
    JoinHandler,
    CheckHandler,
    ResultHandler,
    ReportHandler,
    PinResetHandler,
    DemoHandler,
    LabResultsDemoSeed,
    DemoResults,
    SampleNotices,
    SentHandler,
    ReceivedHandler,
    PinReplyApp,
    NotifyNewResultsJob,
    LabAccountsService,
    PayloadService,
    LabLogsService,
    ...labresultsConsoleProviders,
    LabUploadRoute,
    LabUploadOperations,
    ReprocessPayloadsJob,
    LabResultsCommand,
    RecipientsService,
    PrinterSender,
    PrintersService,
    PrinterHandler,
    ConfirmSmsApp,
    PrinterDemoHandler,
    SendToPrintersJob,
    NotifyChangedResultsJob,
  ],
  exports: [LabAccountsService, PayloadService],
})
export class LabResultsModule extends ConfigurableModuleClass {}
