import { SecretRedactor } from "../redaction"

describe("SecretRedactor", () => {
  it("removes registered secrets wherever they appear", () => {
    const redactor = new SecretRedactor(["my-client-secret-value", null, undefined])
    redactor.add("another-secret-123")
    expect(redactor.redact("a my-client-secret-value b another-secret-123 c")).toBe("a [REDACTED] b [REDACTED] c")
  })

  it("recognises Amazon token shapes it was never told about", () => {
    const redactor = new SecretRedactor()
    const text =
      'token Atza|IwEBIAbc-def_123 refresh Atzr|IwEBIxyz rdt Atz.sprdt|AYABeD secret amzn1.oa2-cs.v1.0123abcdef {"client_secret":"plain","refresh_token":"r1"}'
    const redacted = redactor.redact(text)
    for (const secret of ["Atza|", "Atzr|", "Atz.sprdt|", "amzn1.oa2-cs.v1.0123abcdef", "plain", '"r1"']) {
      expect(redacted).not.toContain(secret)
    }
    expect(redacted).toContain('"client_secret":"[REDACTED]"')
  })

  it("does not redact whole texts for very short configured values", () => {
    const redactor = new SecretRedactor(["a"])
    expect(redactor.redact("a banana")).toBe("a banana")
  })
})
