/**
 * The conversation-script format of RapidSMS, kept because trainers and developers can
 * read it, with what it lacked: a clock the script moves, and regex replies.
 *
 *   # a comment; blank lines are ignored
 *   +260977000001 > JOIN clinic 402029 Mary Phiri 1234     the phone sends this
 *   +260977000001 < Hi Mary Phiri, thanks for registering   the system must send exactly this
 *   +260977000001 <~ ^Hi Mary .*registering                 ... or text matching this regex
 *   @ 2026-03-02T08:00                                      the clock jumps to this time
 *   @ +2d                                                   the clock moves on (s, m, h, d)
 *   ! jobs run notify-new-results                           a step the harness runs (see `steps`)
 */
export type ScriptLine =
  | { readonly kind: 'send'; readonly line: number; readonly phone: string; readonly text: string }
  | {
      readonly kind: 'expect';
      readonly line: number;
      readonly phone: string;
      readonly text: string;
      readonly regex?: RegExp;
    }
  | { readonly kind: 'clock'; readonly line: number; readonly set?: string; readonly advance?: string }
  | { readonly kind: 'step'; readonly line: number; readonly name: string; readonly args: string[] };

export class ScriptSyntaxError extends Error {}

const SEND_OR_EXPECT = /^(\S+)\s+(>|<~|<)\s?(.*)$/;

/** Parses a script; the text after `>`/`<` is kept exactly (trailing spaces too, but one separating space). */
export function parseScript(script: string): ScriptLine[] {
  const lines: ScriptLine[] = [];
  const raw = script.replace(/\r\n/g, '\n').split('\n');
  const indent = Math.min(...raw.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  raw.forEach((text, index) => {
    const line = index + 1;
    const content = text.slice(Number.isFinite(indent) ? indent : 0);
    const trimmed = content.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    if (trimmed.startsWith('@')) {
      const value = trimmed.slice(1).trim();
      lines.push(
        value.startsWith('+')
          ? { kind: 'clock', line, advance: value.slice(1).trim() }
          : { kind: 'clock', line, set: value },
      );
      return;
    }
    if (trimmed.startsWith('!')) {
      const [name, ...args] = trimmed.slice(1).trim().split(/\s+/);
      lines.push({ kind: 'step', line, name, args });
      return;
    }
    const match = SEND_OR_EXPECT.exec(content.trimStart());
    if (!match)
      throw new ScriptSyntaxError(
        `line ${line}: expected "<phone> > text", "<phone> < reply", "@ time" or "! step": ${trimmed}`,
      );
    const [, phone, arrow, body] = match;
    if (arrow === '>') lines.push({ kind: 'send', line, phone, text: body });
    else if (arrow === '<') lines.push({ kind: 'expect', line, phone, text: body });
    else lines.push({ kind: 'expect', line, phone, text: body, regex: new RegExp(body, 's') });
  });
  return lines;
}
