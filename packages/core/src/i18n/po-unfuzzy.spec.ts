import { withoutFuzzy } from './po-unfuzzy';

const PO = `# A header comment that mentions "#, fuzzy".
msgid ""
msgstr ""
"Language: bem\\n"

#. broadcast.helpReply
#, fuzzy, python-brace-format
msgid ""
"Sorry you're having trouble{name}. Your help request has been forwarded to a "
"support team member and they will call you soon."
msgstr ""
"Njelelako pa bwafya bwenu{name}. Ukulomba kwenu kwatumwa ku wa kwafwilisha, "
"kabili akamutumina foni nomba line."

#. reminders.or
#, fuzzy
msgctxt "a list of events"
msgid "or"
msgstr "nangu"

#. contacts.count
#, fuzzy
msgid "{count} result"
msgid_plural "{count} results"
msgstr[0] "icilamba {count}"
msgstr[1] "ifilamba {count}"
`;

const HELP = {
  context: '',
  id: "Sorry you're having trouble{name}. Your help request has been forwarded to a support team member and they will call you soon.",
  forms: [
    'Njelelako pa bwafya bwenu{name}. Ukulomba kwenu kwatumwa ku wa kwafwilisha, kabili akamutumina foni nomba line.',
  ],
};

describe('withoutFuzzy', () => {
  it('unflags folded, contextual and plural entries by msgctxt and msgid, changing no other line', () => {
    const keys = [
      HELP,
      { context: 'a list of events', id: 'or', forms: ['nangu'] },
      { context: '', id: '{count} result', forms: ['icilamba {count}', 'ifilamba {count}'] },
    ];
    const { content, approved } = withoutFuzzy(PO, keys);
    expect(approved).toEqual(keys);
    expect(content).toBe(
      PO.replace('#, fuzzy, python-brace-format\n', '#, python-brace-format\n').replace(/#, fuzzy\n/g, ''),
    );
  });

  it('leaves an entry whose msgstr is not the approved draft, or an other context, as it is', () => {
    const { content, approved } = withoutFuzzy(PO, [
      { ...HELP, forms: ['another draft'] },
      { context: '', id: 'or', forms: ['nangu'] },
    ]);
    expect([content, approved]).toEqual([PO, []]);
  });
});
