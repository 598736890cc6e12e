export { malawi } from './country';
