import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Bemba catalogue: one reviewed text, two fuzzy drafts, the rest missing. */
export function writeBembaCatalogue(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mwana-translations-'));
  writeFileSync(
    join(dir, 'bem.po'),
    `msgid ""
msgstr ""
"Language: bem\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. contacts.leaveDone
#, fuzzy, python-brace-format
msgid "You have successfully unregistered, {name}. We're sorry to see you go."
msgstr "Mwafuma bwino mu Mwana, {name}. Twaumfwa bubi ukuti mulefuma."

#. contacts.languageUnknownSender
#, fuzzy
msgid "You must JOIN or IDENTIFY yourself before you can set your language preference."
msgstr "Lembesheni pa JOIN nangu IDENTIFY intanshi pakuti musale ululimi lwenu."

#. router.errorReply
msgid "Sorry, something went wrong while reading your message. Please try again later, or send HELP."
msgstr "Njelelako, cimo calubana ilyo twabelenga ubukombe bwenu. Eseshenipo pa numa, nangu tumeni HELP."
`,
  );
  return dir;
}

/** The state and counts a language's page shows, as read off the HTML. */
export function stateOf(page: string, label: string): string | undefined {
  return new RegExp(`data-entry="${label.replace('.', '\\.')}" data-state="(\\w+)"`).exec(page)?.[1];
}
