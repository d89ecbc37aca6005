/**
 * Removes secrets from any text before it is logged or put into an error.
 *
 * Two layers, because either alone can miss something:
 *  - exact values we know are secret (client secret, refresh token, every access token and
 *    restricted data token we obtained) are replaced wherever they appear;
 *  - Amazon's token formats are recognised by shape, so a token we never saw (e.g. one echoed back
 *    in an error body) is still hidden.
 */

const REDACTED = "[REDACTED]"

/** Shapes of Amazon credentials: LWA access (Atza|) / refresh (Atzr|) tokens, RDTs, LWA client secrets. */
const SECRET_SHAPES: readonly RegExp[] = [
  /Atz[ar]\|[^\s"',;&}]+/g,
  /Atz\.sprdt\|[^\s"',;&}]+/g,
  /amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+/g,
  // Form / JSON fields that carry secrets, whatever their value looks like.
  /("?(?:client_secret|refresh_token|access_token|restrictedDataToken|x-amz-access-token)"?\s*[:=]\s*"?)[^\s"&,}]+/gi,
]

/** Very short values would redact unrelated text (e.g. a test secret "a"); they are still matched by shape. */
const MIN_EXACT_SECRET_LENGTH = 6

export class SecretRedactor {
  private readonly secrets = new Set<string>()

  constructor(initialSecrets: Iterable<string | null | undefined> = []) {
    for (const secret of initialSecrets) this.add(secret)
  }

  /** Registers a value that must never appear in output (e.g. a freshly obtained token). */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= MIN_EXACT_SECRET_LENGTH) this.secrets.add(secret)
  }

  redact(text: string): string {
    let result = text
    // Longest first so that a secret containing another secret is removed whole.
    const bySizeDescending = [...this.secrets].sort((a, b) => b.length - a.length)
    for (const secret of bySizeDescending) result = result.split(secret).join(REDACTED)
    for (const shape of SECRET_SHAPES) {
      result = result.replace(shape, (match: string, fieldPrefix?: string) =>
        typeof fieldPrefix === "string" ? `${fieldPrefix}${REDACTED}` : REDACTED
      )
    }
    return result
  }
}
