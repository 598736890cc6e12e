import { parsePo, poFlags } from './po-file';

/** An entry of a .po file: its msgctxt ('' for none) and msgid. */
export interface PoKey {
  readonly context: string;
  readonly id: string;
  /** The draft the flag may be taken off: every msgstr form, as approved. */
  readonly forms: readonly string[];
}

const keyOf = (context: string, id: string) => JSON.stringify([context, id]);

/**
 * The .po file's text with the `fuzzy` flag taken off each entry of `keys` whose msgstr is
 * still the approved draft, and nothing else changed: the other flags stay (an emptied `#,`
 * line goes), and every other line, comment and fold is as it was. Returns the keys it
 * approved, in file order.
 */
export function withoutFuzzy(content: string, keys: readonly PoKey[]): { content: string; approved: PoKey[] } {
  const wanted = new Map(keys.map((k) => [keyOf(k.context, k.id), k]));
  const approved: PoKey[] = [];
  // Entries are separated by blank lines; the separators are kept as they are.
  const blocks = content.split(/(\r?\n[ \t]*\r?\n)/);
  for (let i = 0; i < blocks.length; i += 2) {
    const block = blocks[i];
    if (!/^#,.*\bfuzzy\b/m.test(block)) continue;
    const entry = Object.entries(parsePo(block).translations).flatMap(([context, entries]) =>
      Object.values(entries).map((e) => ({ context, entry: e })),
    )[0];
    if (!entry || entry.entry.msgid === '') continue;
    const key = wanted.get(keyOf(entry.context, entry.entry.msgid));
    if (!key || !poFlags(entry.entry).includes('fuzzy')) continue;
    if (JSON.stringify(entry.entry.msgstr.slice(0, key.forms.length)) !== JSON.stringify(key.forms)) continue;
    blocks[i] = block
      .split('\n')
      .flatMap((line) => {
        if (!line.startsWith('#,')) return [line];
        const flags = line
          .slice(2)
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f !== '' && f !== 'fuzzy');
        return flags.length === 0 ? [] : [`#, ${flags.join(', ')}`];
      })
      .join('\n');
    approved.push(key);
  }
  return { content: blocks.join(''), approved };
}
