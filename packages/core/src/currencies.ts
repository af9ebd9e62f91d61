/**
 * The currencies an amount may be in: the circulating ISO 4217 codes (funds, metals and test codes
 * left out) with their minor-unit scale. A code outside this list is refused, never defaulted.
 */
const SCALE_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF';
const SCALE_3 = 'BHD IQD JOD KWD LYD OMR TND';
const SCALE_2 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL ' +
  'HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP ' +
  'MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD ' +
  'SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS ' +
  'VED VES WST XCD XCG YER ZAR ZMW ZWG';

const SCALES: ReadonlyMap<string, number> = new Map([
  ...SCALE_0.split(' ').map((code) => [code, 0] as const),
  ...SCALE_2.split(' ').map((code) => [code, 2] as const),
  ...SCALE_3.split(' ').map((code) => [code, 3] as const),
]);

/** Every supported ISO 4217 code, alphabetically. */
export const SUPPORTED_CURRENCIES: readonly string[] = [...SCALES.keys()].sort();

export function isSupportedCurrency(code: string): boolean {
  return SCALES.has(code);
}

/** A code that is not a supported ISO 4217 currency. */
export class UnsupportedCurrencyError extends Error {
  constructor(readonly code: string) {
    super(`"${code}" is not a supported ISO 4217 currency code; use one such as EGP, USD or EUR.`);
    this.name = 'UnsupportedCurrencyError';
  }
}

/** Digits after the decimal point of the currency's minor unit: EGP 2, JPY 0, KWD 3. */
export function currencyScale(code: string): number {
  const scale = SCALES.get(code);
  if (scale === undefined) throw new UnsupportedCurrencyError(code);
  return scale;
}
