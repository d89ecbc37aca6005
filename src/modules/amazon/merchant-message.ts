/**
 * Turns anything thrown while talking to Amazon into the sentence a merchant sees in admin.
 * SpApiError already carries one; other errors are wrapped so that no stack trace or secret leaks.
 */
export function describeForMerchant(error: unknown): string {
  const candidate = error as { merchantMessage?: unknown; message?: unknown } | null
  if (candidate && typeof candidate.merchantMessage === "string" && candidate.merchantMessage) {
    return candidate.merchantMessage
  }
  if (candidate && typeof candidate.message === "string" && /^[A-Z].*[.!]$/.test(candidate.message.trim())) {
    // Our own MedusaErrors are written as sentences for the merchant already.
    return candidate.message.trim()
  }
  return "Something unexpected went wrong while talking to Amazon. Try again; if it keeps happening, check the server log for details."
}
