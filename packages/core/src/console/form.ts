/** A urlencoded or JSON body as strings: the first value of each field; anything else dropped. */
export function formValues(body: unknown): Record<string, string> {
  const form: Record<string, string> = {};
  if (!body || typeof body !== 'object') return form;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') form[key] = first;
  }
  return form;
}
