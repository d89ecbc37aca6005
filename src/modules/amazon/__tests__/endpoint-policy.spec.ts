import { endpointRefusal, sameEndpoint } from "../endpoint-policy"

describe("endpoint policy", () => {
  it("accepts Amazon's own hosts over https", () => {
    expect(endpointRefusal("https://sellingpartnerapi-eu.amazon.com", "api")).toBeNull()
    expect(endpointRefusal("https://sandbox.sellingpartnerapi-fe.amazon.com/", "api")).toBeNull()
    expect(endpointRefusal("https://api.amazon.com/auth/o2/token", "token")).toBeNull()
  })

  it("refuses Amazon's hosts over http and the token host as an API endpoint", () => {
    expect(endpointRefusal("http://api.amazon.com/auth/o2/token", "token")).toMatch(/https/)
    expect(endpointRefusal("https://api.amazon.com", "api")).toMatch(/not one of Amazon's hosts/)
    expect(endpointRefusal("https://sellingpartnerapi-na.amazon.com.evil.example", "api")).toMatch(/allowedEndpointHosts/)
  })

  it("refuses other schemes with a sentence saying what is allowed and where to configure it", () => {
    for (const url of ["file:///etc/passwd", "ftp://example.com/token", "gopher://x"]) {
      const refusal = endpointRefusal(url, "token", ["example.com"])
      expect(refusal).toMatch(/must be an https:\/\/ URL/)
    }
    expect(endpointRefusal("not a url", "api")).toMatch(/not a URL/)
  })

  it("refuses any other host unless the store allows it", () => {
    expect(endpointRefusal("https://attacker.example/token", "token")).toMatch(/allowedEndpointHosts/)
    expect(endpointRefusal("https://proxy.example/token", "token", ["proxy.example"])).toBeNull()
    expect(endpointRefusal("https://proxy.example:8443/token", "token", ["proxy.example:8443"])).toBeNull()
    expect(endpointRefusal("https://proxy.example:9443/token", "token", ["proxy.example:8443"])).toMatch(/allowedEndpointHosts/)
    expect(endpointRefusal("https://user:pw@proxy.example/token", "token", ["proxy.example"])).toMatch(/user name/)
  })

  it("accepts http only to an allowed loopback host", () => {
    expect(endpointRefusal("http://127.0.0.1:4567/auth/o2/token", "token", ["127.0.0.1"])).toBeNull()
    expect(endpointRefusal("http://localhost:4567", "api", ["localhost:4567"])).toBeNull()
    expect(endpointRefusal("http://127.0.0.1:4567", "api")).toMatch(/http:\/\/ is accepted only/)
    expect(endpointRefusal("http://sim.example", "api", ["sim.example"])).toMatch(/http:\/\/ is accepted only/)
  })

  it("treats the same URL written differently as no change", () => {
    expect(sameEndpoint("https://API.amazon.com/auth/o2/token/", "https://api.amazon.com/auth/o2/token")).toBe(true)
    expect(sameEndpoint(null, "")).toBe(true)
    expect(sameEndpoint("https://api.amazon.com/auth/o2/token", "http://127.0.0.1:1/auth/o2/token")).toBe(false)
  })
})
