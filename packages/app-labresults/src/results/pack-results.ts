/**
 * Packs result items into SMS texts greedily, joined by `. `, so each stays within `max`
 * characters; the first reserves `firstPrefix` characters for its "Thank you!" lead
 * (docs/keywords.md#pin-reply). An item longer than an SMS still goes alone.
 */
export function packResults(items: readonly string[], firstPrefix: number, max: number): string[] {
  const texts: string[] = [];
  let current = '';
  for (const item of items) {
    const room = max - (texts.length === 0 ? firstPrefix : 0);
    const joined = current ? `${current}. ${item}` : item;
    if (current && joined.length > room) {
      texts.push(current);
      current = item;
    } else {
      current = joined;
    }
  }
  if (current) texts.push(current);
  return texts;
}
