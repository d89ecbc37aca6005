import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"

/**
 * Encrypts Amazon credentials at rest with AES-256-GCM.
 * The key comes from the plugin option `encryptionKey` or the env var AMAZON_CREDENTIALS_KEY;
 * any string works (it is hashed to 32 bytes), but it must stay the same for the store's lifetime.
 */
const FORMAT_VERSION = "v1"
const MINIMUM_KEY_LENGTH = 16

export const MISSING_ENCRYPTION_KEY_MESSAGE =
  "Amazon credentials cannot be saved: the store has no encryption key to protect them. Set the plugin option " +
  "`encryptionKey` in medusa-config.ts or the environment variable AMAZON_CREDENTIALS_KEY (at least 16 characters, " +
  "kept the same for the store's lifetime), then restart Medusa."

export function hasUsableEncryptionKey(secret: string | null | undefined): boolean {
  return !!secret && secret.length >= MINIMUM_KEY_LENGTH
}

export class CredentialsCipher {
  private readonly key: Buffer

  constructor(secret: string) {
    if (!hasUsableEncryptionKey(secret)) throw new Error(MISSING_ENCRYPTION_KEY_MESSAGE)
    this.key = createHash("sha256").update(secret).digest()
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", this.key, iv)
    const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
    const tag = cipher.getAuthTag()
    return [FORMAT_VERSION, iv.toString("base64"), tag.toString("base64"), encrypted.toString("base64")].join(":")
  }

  decrypt(ciphertext: string): string {
    const [version, iv, tag, data] = ciphertext.split(":")
    if (version !== FORMAT_VERSION || !iv || !tag || data === undefined) {
      throw new Error("Stored Amazon credentials are not in a format this plugin can read. Enter them again in Settings → Amazon.")
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64"))
      decipher.setAuthTag(Buffer.from(tag, "base64"))
      return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8")
    } catch {
      throw new Error(
        "Stored Amazon credentials cannot be decrypted: the encryption key changed since they were saved. " +
          "Restore the previous AMAZON_CREDENTIALS_KEY / `encryptionKey`, or enter the credentials again in Settings → Amazon."
      )
    }
  }
}
