import { defineApp, type MwanaApp } from '@mwana/core';
import { labresultsConfig } from './labresults.config';
import { LabResultsModule } from './labresults.module';
import { labresultsMigrations } from './migrations';

export * from './labresults.config';
export { LabResultsModule } from './labresults.module';
export { LABRESULTS_OPTIONS } from './labresults.module-definition';
export { labresultsMigrations } from './migrations';
export { labresultsTexts } from './labresults.texts';
export {
  LabResult,
  NOTIFICATION_STATUSES,
  RESULT_CODES,
  type NotificationStatus,
  type ResultCode,
} from './entities/lab-result.entity';
export { ResultDisclosure, type DisclosureVia } from './entities/result-disclosure.entity';
export { ClinicDirectory, type Place } from './clinics/clinic-directory';
export { LabPayload } from './entities/lab-payload.entity';
export { LabAccount } from './entities/lab-account.entity';
export { PayloadService, type UploadOutcome } from './upload/payload.service';
export { LabAccountsService } from './upload/lab-accounts.service';

/** Results160, as a country lists it: `defineCountry({ apps: [locationsApp, labresultsApp] })`. */
export const labresultsApp: MwanaApp = defineApp({
  name: 'labresults',
  config: labresultsConfig,
  module: (settings) => LabResultsModule.forRoot(settings),
  migrations: labresultsMigrations,
});
export { LabResultsRoles, STAFF_ROLES, type StaffRole } from './labresults.roles';
export { ClinicWorkers, type WorkerStanding } from './clinics/clinic-workers.service';
export { ApprovalsService } from './approvals/approvals.service';
export { WorkerApproval, type ApprovalStatus } from './approvals/worker-approval.entity';
