import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"

/**
 * Encrypts Amazon credentials at rest with AES-256-GCM.
 * The key comes from the plugin option `encryptionKey` or the env var AMAZON_CREDENTIALS_KEY;
 * any string works (it is hashed to 32 bytes), but it must stay the same for the store's lifetime.
 */
const FORMAT_VERSION = "v1"

export class CredentialsCipher {
  private readonly key: Buffer

  constructor(secret: string) {
    if (!secret || secret.length < 16) {
      throw new Error(
        "The Amazon plugin needs an encryption key of at least 16 characters to protect seller credentials. " +
          "Set the plugin option `encryptionKey` or the environment variable AMAZON_CREDENTIALS_KEY."
      )
    }
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
