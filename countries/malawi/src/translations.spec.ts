import { describeCountryTranslations } from '@mwana/core/testing';
import { malawi } from './country';

// Malawi's catalogues as `pnpm mwana translations check` reads them (and .ci/run runs it).
describeCountryTranslations(malawi, 'Chichewa');
