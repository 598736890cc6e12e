import { po } from 'gettext-parser';

// The shapes gettext-parser 7 reads and writes. @types/gettext-parser 4.0.4 describes v4: its
// parse takes a charset string where v7 takes an options object, and msgid_plural is `any`.
export interface PoComments {
  readonly translator?: string;
  readonly reference?: string;
  readonly extracted?: string;
  readonly flag?: string;
  readonly previous?: string;
}

export interface PoEntry {
  readonly msgctxt?: string;
  readonly msgid: string;
  readonly msgid_plural?: string;
  readonly msgstr: readonly string[];
  readonly comments?: PoComments;
}

export interface PoFile {
  readonly charset: string;
  /** Absent when the file has no header entry. */
  readonly headers?: Readonly<Record<string, string>>;
  /** By msgctxt ('' for none), then msgid; `translations['']['']` is the header entry. */
  readonly translations: Readonly<Record<string, Readonly<Record<string, PoEntry>>>>;
}

type Parse = (input: Buffer | string, options?: { defaultCharset?: string; validation?: boolean }) => PoFile;
type Compile = (file: PoFile, options?: { foldLength?: number; sort?: boolean }) => Buffer;

/** Parses a .po file; a Buffer's charset comes from its Content-Type header. */
export function parsePo(input: Buffer | string): PoFile {
  return (po.parse as unknown as Parse)(input);
}

export function compilePo(file: PoFile): string {
  return (po.compile as unknown as Compile)(file).toString('utf8');
}

/** The flags of an entry's `#,` comment: `fuzzy`, `python-brace-format`. */
export function poFlags(entry: PoEntry): string[] {
  return (entry.comments?.flag ?? '')
    .split(/[,\n]/)
    .map((flag) => flag.trim())
    .filter((flag) => flag !== '');
}
