/**
 * SSCC-18 (GS1 Serial Shipping Container Code): extension digit + GS1 company prefix + serial reference = 17 data
 * digits, then the GS1 mod-10 check digit. Amazon wants it as the application identifier "00" followed by the 18
 * digits. Serials come from a per-account counter in the database, so a code is never handed out twice.
 */

/** GS1 mod-10: weight the data digits 3, 1, 3, 1 … from the right; the check digit tops the sum up to a multiple of 10. */
export function gs1CheckDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new Error(`GS1 data must be digits, got "${data}"`)
  let sum = 0
  for (let i = 0; i < data.length; i++) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

/** GS1 company prefixes are 6 to 12 digits; an SSCC needs at least one serial digit after extension + prefix. */
export function gs1PrefixProblem(prefix: string | null | undefined): string | null {
  if (!prefix) return "The vendor account has no GS1 company prefix; add it in Settings → Amazon so carton and pallet SSCCs can be built."
  if (!/^\d{6,12}$/.test(prefix)) return `The GS1 company prefix "${prefix}" is not 6 to 12 digits; correct it in Settings → Amazon.`
  return null
}

/** How many SSCCs a prefix can number: the extension digit (0–9) times the serial digits left after the prefix. */
export function ssccCapacity(prefix: string): number {
  return 10 * 10 ** (16 - prefix.length)
}

/**
 * The SSCC for the n-th serial of a prefix (n from 0), as Amazon takes it: "00" + 18 digits. The extension digit
 * carries the overflow of the serial reference, so a prefix yields ten times its serial range before running out.
 */
export function buildSscc(prefix: string, n: number): string {
  const problem = gs1PrefixProblem(prefix)
  if (problem) throw new Error(problem)
  if (!Number.isSafeInteger(n) || n < 0 || n >= ssccCapacity(prefix)) {
    throw new Error(`The GS1 company prefix ${prefix} has no SSCC serial number ${n} left; ask GS1 for another prefix.`)
  }
  const serialDigits = 16 - prefix.length
  const extension = Math.floor(n / 10 ** serialDigits)
  const serial = String(n % 10 ** serialDigits).padStart(serialDigits, "0")
  const data = `${extension}${prefix}${serial}`
  return `00${data}${gs1CheckDigit(data)}`
}

/** Takes "00" + 18 digits, 18 digits, or "(00)" + 18 digits (spaces allowed) and returns "00" + 18 digits. */
export function normalizeSscc(input: string): string | null {
  const compact = input.replace(/[\s()]/g, "")
  if (/^\d{18}$/.test(compact)) return `00${compact}`
  if (/^00\d{18}$/.test(compact)) return compact
  return null
}

/** Why an SSCC as typed cannot be used, or null when it is a valid SSCC-18 ("00" + 18 digits with its check digit). */
export function ssccProblem(input: string): string | null {
  const normalized = normalizeSscc(input)
  if (!normalized) return `"${input}" is not an SSCC: it needs 18 digits (Amazon takes them after the application identifier 00).`
  const data = normalized.slice(2, 19)
  const expected = gs1CheckDigit(data)
  const given = Number(normalized[19])
  if (expected !== given) return `SSCC ${normalized} has the check digit ${given}, but its digits need ${expected}; re-read the label or let the plugin number the container.`
  return null
}

/** "(00) 0 0614141 000000001 8": the human-readable form printed under the barcode. */
export function formatSscc(sscc: string, prefixLength?: number): string {
  const digits = sscc.slice(2)
  if (!prefixLength) return `(00) ${digits}`
  return `(00) ${digits[0]} ${digits.slice(1, 1 + prefixLength)} ${digits.slice(1 + prefixLength, 17)} ${digits[17]}`
}
