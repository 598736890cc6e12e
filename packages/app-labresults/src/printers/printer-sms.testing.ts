/** The slip a printer gets for one result (docs/keywords.md#printer), as tests expect it. */
export function slip(clinic: string, id: string, result: string, lab: string): string {
  return `${clinic}.\r\nPatient ID: ${id}.\r\nHIV-DNAPCR Result:\r\n${result}.\r\nApproved by ${lab}.`;
}

/**
 * A printer SMS as a conversation script expects it: `<phone> <~ ${printed('00', text)}`. A
 * regex, because a script line cannot hold the slip's CR LF; it matches the text exactly.
 */
export function printed(seq: string, text: string): string {
  const escaped = `${seq}${text}`
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
  return `^${escaped}$`;
}
