import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { LocationsSettings } from './locations.config';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: LOCATIONS_OPTIONS,
  OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<LocationsSettings>().setClassMethodName('forRoot').build();
