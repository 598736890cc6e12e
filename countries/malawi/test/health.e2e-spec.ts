import { countryConfig } from '@mwana/core';
import { describeCountryApp } from '@mwana/core/testing';
import { locationsConfig } from '@mwana/app-locations';
import { malawi } from '../src/country';

describeCountryApp(malawi, (running) => {
  it("composes the shared apps with Malawi's own sections of the config chain", () => {
    expect(running().config.section(countryConfig).name).toBe('Malawi');
    expect(running().config.section(locationsConfig).codeFormat).toBe('DDFF');
  });
});
