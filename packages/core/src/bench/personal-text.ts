/** A text made for one phone: `{name}` and `{last5}` in a text, for this phone. */
export function personal(text: string, phone: number): string {
  const digits = String(phone);
  return text
    .replaceAll(
      '{name}',
      digits.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]),
    )
    .replaceAll('{last5}', digits.slice(-5));
}
