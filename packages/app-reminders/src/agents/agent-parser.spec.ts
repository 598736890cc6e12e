import { parseAgentForm } from './agent-parser';

describe('the text after AGENT or JOIN CBA', () => {
  it('reads clinic code, zone and name, with the optional words clinic, zone and name', () => {
    expect(parseAgentForm('403012 3 mary phiri')).toEqual({ clinic: '403012', zone: '3', name: 'mary phiri' });
    expect(parseAgentForm('clinic 403012 zone 3 name Mary  Phiri')).toEqual({
      clinic: '403012',
      zone: '3',
      name: 'Mary Phiri',
    });
    expect(parseAgentForm('CLINIC 403012 ZONE kabwe NAME Mary')).toEqual({
      clinic: '403012',
      zone: 'kabwe',
      name: 'Mary',
    });
  });

  it('refuses fewer than three words', () => {
    expect(parseAgentForm('403012 3')).toBeNull();
    expect(parseAgentForm('403012')).toBeNull();
  });

  it('takes a language code first only where the country allows it and a code of digits follows', () => {
    expect(parseAgentForm('bem 403012 3 Mary Phiri', { languages: true })).toEqual({
      clinic: '403012',
      zone: '3',
      name: 'Mary Phiri',
      language: 'bem',
    });
    expect(parseAgentForm('bem 403012 3 Mary Phiri')).toEqual({ clinic: 'bem', zone: '403012', name: '3 Mary Phiri' });
    expect(parseAgentForm('403012 3 Mary Phiri', { languages: true })).toEqual({
      clinic: '403012',
      zone: '3',
      name: 'Mary Phiri',
    });
    // Too few words after the language to shift: read as it stands.
    expect(parseAgentForm('bem 403012 3', { languages: true })).toEqual({ clinic: 'bem', zone: '403012', name: '3' });
  });
});
