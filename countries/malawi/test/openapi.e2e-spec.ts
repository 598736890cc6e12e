import { describeCountryOpenApi } from '@mwana/core/testing';
import { malawi } from '../src/country';

describeCountryOpenApi(malawi);
