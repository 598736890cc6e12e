import { describeCountryOpenApi } from '@mwana/core/testing';
import { zambia } from '../src/country';

describeCountryOpenApi(zambia);
