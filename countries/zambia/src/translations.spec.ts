import { describeCountryTranslations } from '@mwana/core/testing';
import { zambia } from './country';

// Zambia's catalogues as `pnpm mwana translations check` reads them (and .ci/run runs it).
describeCountryTranslations(zambia, 'Bemba, Nyanja and Tonga');
