import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { LabResultsSettings } from './labresults.config';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: LABRESULTS_OPTIONS,
  OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<LabResultsSettings>().setClassMethodName('forRoot').build();
