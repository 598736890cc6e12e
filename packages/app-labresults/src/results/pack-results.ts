/**
 * Packs result items into SMS texts greedily, joined by `. `, so each stays within `max`
 * characters; the first reserves `firstPrefix` characters for its "Thank you!" lead
 * (docs/keywords.md#pin-reply). An item longer than an SMS still goes alone. Answers the
 * items' indexes of each text.
 */
export function packResultGroups(items: readonly string[], firstPrefix: number, max: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let length = 0;
  items.forEach((item, i) => {
    const room = max - (groups.length === 0 ? firstPrefix : 0);
    const joined = current.length > 0 ? length + 2 + item.length : item.length;
    if (current.length > 0 && joined > room) {
      groups.push(current);
      current = [i];
      length = item.length;
    } else {
      current.push(i);
      length = joined;
    }
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

/** The texts of `packResultGroups`. */
export function packResults(items: readonly string[], firstPrefix: number, max: number): string[] {
  return packResultGroups(items, firstPrefix, max).map((group) => group.map((i) => items[i]).join('. '));
}
