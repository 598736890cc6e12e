import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { BroadcastSettings } from './broadcast.config';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: BROADCAST_OPTIONS,
  OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<BroadcastSettings>().setClassMethodName('forRoot').build();
