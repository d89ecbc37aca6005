import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import * as https from "node:https"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { EndpointAgent, parseEndpointSetting } from "../endpoint-agent"
import { SpApiError } from "../errors"
import { FakeAmazon, json } from "./helpers/fake-amazon"

function get(agent: https.Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { agent, method: "GET" }, (response) => {
      let body = ""
      response.on("data", (chunk) => (body += chunk))
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on("error", reject)
    request.end()
  })
}

describe("parseEndpointSetting", () => {
  it("reads http and https targets with default ports", () => {
    expect(parseEndpointSetting("http://127.0.0.1:4010", "API endpoint")).toEqual({
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 4010,
      url: "http://127.0.0.1:4010",
    })
    expect(parseEndpointSetting(" https://sandbox.example.com ", "API endpoint")).toMatchObject({ protocol: "https:", port: 443 })
    expect(parseEndpointSetting("http://[::1]:9000/", "API endpoint")).toMatchObject({ hostname: "::1", port: 9000 })
  })

  it("treats empty as Amazon's own endpoint", () => {
    expect(parseEndpointSetting(null, "API endpoint")).toBeNull()
    expect(parseEndpointSetting("   ", "API endpoint")).toBeNull()
  })

  it("rejects settings it cannot route to, with a sentence for the merchant", () => {
    for (const bad of ["ftp://example.com", "not a url", "https://user:pw@example.com"]) {
      let thrown: unknown
      try {
        parseEndpointSetting(bad, "API endpoint")
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(SpApiError)
      expect((thrown as SpApiError).code).toBe("INVALID_CONFIGURATION")
      expect((thrown as SpApiError).merchantMessage).toMatch(/^The API endpoint setting ".*" cannot be used: .*Settings → Amazon/)
    }
  })
})

describe("EndpointAgent", () => {
  const fake = new FakeAmazon()
  beforeAll(() => fake.start())
  afterAll(() => fake.stop())

  it("routes Amazon's hosts to the configured targets and leaves other hosts alone", () => {
    const target = parseEndpointSetting("http://127.0.0.1:4010", "API endpoint")
    const token = parseEndpointSetting("http://127.0.0.1:4011", "token endpoint")
    const agent = new EndpointAgent({ spApi: target, token })
    expect(agent.targetFor("sellingpartnerapi-na.amazon.com")).toBe(target)
    expect(agent.targetFor("sellingpartnerapi-eu.amazon.com")).toBe(target)
    expect(agent.targetFor("sandbox.sellingpartnerapi-fe.amazon.com")).toBe(target)
    expect(agent.targetFor("api.amazon.com")).toBe(token)
    expect(agent.targetFor("tortuga-prod-na.s3-external-1.amazonaws.com")).toBeNull()
    expect(agent.targetFor("sellingpartnerapi-na.amazon.com.evil.example")).toBeNull()
    agent.destroy()
  })

  it("sends an https request for Amazon's host as plain HTTP to an http:// target, Host header intact", async () => {
    fake.on("GET", /^\/ping$/, json(200, { pong: true }))
    const agent = new EndpointAgent({ spApi: parseEndpointSetting(fake.url, "API endpoint"), token: null })
    const connectionsBefore = fake.connections
    const first = await get(agent, "https://sellingpartnerapi-eu.amazon.com/ping")
    const second = await get(agent, "https://sellingpartnerapi-eu.amazon.com/ping")
    expect([first, second]).toEqual([
      { status: 200, body: '{"pong":true}' },
      { status: 200, body: '{"pong":true}' },
    ])
    const pings = fake.requestsTo(/^\/ping$/)
    expect(pings.map((request) => request.host)).toEqual(["sellingpartnerapi-eu.amazon.com", "sellingpartnerapi-eu.amazon.com"])
    // Keep-alive: both requests went over one connection.
    expect(fake.connections - connectionsBefore).toBe(1)
    agent.destroy()
  })
})

/** A throw-away certificate for "localhost"; null when openssl is not installed. */
function selfSignedLocalhostCertificate(): { key: string; cert: string } | null {
  const directory = mkdtempSync(join(tmpdir(), "sp-api-cert-"))
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
        "-keyout", join(directory, "key.pem"), "-out", join(directory, "cert.pem")],
      { stdio: "ignore" }
    )
    return { key: readFileSync(join(directory, "key.pem"), "utf8"), cert: readFileSync(join(directory, "cert.pem"), "utf8") }
  } catch {
    return null
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

const certificate = selfSignedLocalhostCertificate()
const describeWithOpenssl = certificate ? describe : describe.skip

describeWithOpenssl("EndpointAgent with an https:// target", () => {
  let server: https.Server
  const hosts: (string | undefined)[] = []

  beforeAll(async () => {
    server = https.createServer({ key: certificate!.key, cert: certificate!.cert }, (request, response) => {
      hosts.push(request.headers.host)
      response.end("secure")
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it("opens TLS to the target host and verifies its certificate against that host name", async () => {
    const port = (server.address() as AddressInfo).port
    const target = parseEndpointSetting(`https://localhost:${port}`, "API endpoint")
    const trusting = new EndpointAgent({ spApi: target, token: null }, { ca: certificate!.cert })
    await expect(get(trusting, "https://sellingpartnerapi-fe.amazon.com/ping")).resolves.toEqual({ status: 200, body: "secure" })
    expect(hosts).toEqual(["sellingpartnerapi-fe.amazon.com"])
    trusting.destroy()

    // Without trusting the certificate the connection must fail rather than fall back to anything.
    const verifying = new EndpointAgent({ spApi: target, token: null })
    await expect(get(verifying, "https://sellingpartnerapi-fe.amazon.com/ping")).rejects.toMatchObject({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" })
    verifying.destroy()
  })
})
