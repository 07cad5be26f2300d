/**
 * Query strings arrive as strings and the global pipe converts nothing implicitly. Only a
 * plain decimal integer within the safe range ("12", "-3", "0") becomes a number; anything
 * else ("0x10", "1e3", "01", "+1", "", " 1", "1.0", a repeated parameter) is left as it is, so
 * the property's integer validator answers 400 naming it. For `@Transform`.
 */
export function toStrictInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !/^(0|-?[1-9]\d{0,15})$/.test(value)) return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}
