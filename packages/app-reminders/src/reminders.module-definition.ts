import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RemindersSettings } from './reminders.config';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: REMINDERS_OPTIONS,
  OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<RemindersSettings>().setClassMethodName('forRoot').build();
