import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ZambiaSettings } from './zambia.config';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: ZAMBIA_OPTIONS,
  OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ZambiaSettings>().setClassMethodName('forRoot').build();
