export { zambia } from './country';
export { zambiaApp } from './zambia.app';
export { zambiaConfig, type ZambiaSettings } from './zambia.config';
export { zambiaTexts } from './zambia.texts';
