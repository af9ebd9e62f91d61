/** IBANs: the ISO 13616 check (mod 97 = 1) and the only form ever shown, e.g. `EG38 **** **** 1234`. */

/** The IBAN without spaces, upper case. */
export function normaliseIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** Why an IBAN is not valid, or undefined when it is. */
export function ibanProblem(text: string): string | undefined {
  const iban = normaliseIban(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban))
    return 'An IBAN is a country code, two check digits and 10 to 30 letters or digits.';
  // Move the first four characters to the end, letters to numbers (A = 10 … Z = 35), then mod 97 piecewise.
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1 ? undefined : 'The IBAN’s check digits are wrong (mod 97); check for a typing mistake.';
}

export function maskIban(text: string): string {
  const iban = normaliseIban(text);
  return `${iban.slice(0, 4)} **** **** ${iban.slice(-4)}`;
}
