import { countryConfig } from '@mwana/core';
import { describeCountryApp } from '@mwana/core/testing';
import { locationsConfig } from '@mwana/app-locations';
import { zambia } from '../src/country';

describeCountryApp(zambia, (running) => {
  it("composes the shared apps with Zambia's own sections of the config chain", () => {
    expect(running().config.section(countryConfig).name).toBe('Zambia');
    expect(running().config.section(locationsConfig).codeFormat).toBe('PPDDFF');
  });
});
