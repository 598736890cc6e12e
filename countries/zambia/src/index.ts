export { zambia } from './country';
