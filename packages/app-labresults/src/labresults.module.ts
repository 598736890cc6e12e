import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicDirectory } from './clinics/clinic-directory';
import { LocationsClinicDirectory } from './clinics/locations-clinic.directory';
import { LabAccount } from './entities/lab-account.entity';
import { LabPayload } from './entities/lab-payload.entity';
import { LabResult } from './entities/lab-result.entity';
import { PendingPin } from './entities/pending-pin.entity';
import { PinLock } from './entities/pin-lock.entity';
import { ResultDisclosure } from './entities/result-disclosure.entity';
import { JoinHandler } from './join/join.handler';
import { ConfigurableModuleClass } from './labresults.module-definition';
import { CheckHandler } from './results/check.handler';
import { DisclosureService } from './results/disclosure.service';
import { NotifyNewResultsJob } from './results/notify-new-results.job';
import { PinLockService } from './results/pin-lock.service';
import { PinReplyApp } from './results/pin-reply.app';
import { ResultDelivery } from './results/result-delivery.service';
import { ResultsService } from './results/results.service';
import { LabAccountsService } from './upload/lab-accounts.service';
import { LabUploadRoute } from './upload/lab-upload.route';
import { LabResultsCommand } from './upload/labresults.command';
import { PayloadService } from './upload/payload.service';
import { ReprocessPayloadsJob } from './upload/reprocess-payloads.job';

/**
 * Results160: JOIN, CHECK, the PIN reply, the new-results notice, the lab upload route and
 * its re-run job, and the `mwana labresults` command. Composed by a country's app.module.ts with its own config section, beside
 * `LocationsModule` (the clinic directory reads the location tree through it).
 *
 * @example
 * LabResultsModule.forRoot(config.section(labresultsConfig))
 */
@Module({
  imports: [TypeOrmModule.forFeature([LabAccount, LabPayload, LabResult, PendingPin, PinLock, ResultDisclosure])],
  providers: [
    { provide: ClinicDirectory, useClass: LocationsClinicDirectory },
    ResultsService,
    DisclosureService,
    PinLockService,
    ResultDelivery,
    JoinHandler,
    CheckHandler,
    PinReplyApp,
    NotifyNewResultsJob,
    LabAccountsService,
    PayloadService,
    LabUploadRoute,
    ReprocessPayloadsJob,
    LabResultsCommand,
  ],
  exports: [LabAccountsService, PayloadService],
})
export class LabResultsModule extends ConfigurableModuleClass {}
