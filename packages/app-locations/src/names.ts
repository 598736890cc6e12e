/** Names come from spreadsheets and SMS: runs of whitespace (tabs, newlines) become one space. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** Names compared the way people read them: case and spacing do not count. */
export function sameName(a: string, b: string): boolean {
  return cleanName(a).toLowerCase() === cleanName(b).toLowerCase();
}

/**
 * A lower-case slug of letters and digits: `Rural Health Centre` -> `rural_health_centre`,
 * `Ng'ombe` -> `ngombe`. Accents are dropped so a slug can be typed on any phone.
 */
export function slugify(text: string, separator: '_' | '-' = '_'): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}
