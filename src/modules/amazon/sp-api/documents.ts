/**
 * Documents Amazon links to from its answers: downloads (Amazon Custom customization ZIPs, feed processing
 * reports and reports, where getFeedDocument / getReportDocument give a URL and a compression) and the upload
 * of a feed's contents to the URL createFeedDocument gives.
 *
 * The upload is ours and not amazon-sp-api's `upload`: that one reads no status beyond "not 200", and it
 * cannot reach a plain-http simulator, because its https.request refuses http:// links and the EndpointAgent
 * routes only Amazon's API and token hosts, not the document hosts.
 *
 * Such a link is pre-signed: it carries its own authorisation, so nothing of ours is sent with it (no access
 * token, no RDT). Its query string is that authorisation, so messages name the link without it. Only https
 * links are followed, and plain http only when the account itself points at a plain-http endpoint (a local
 * simulator), so an answer cannot make the server fetch arbitrary local resources.
 */
import * as http from "node:http"
import * as https from "node:https"
import { pipeline, Readable, Transform } from "node:stream"
import { createGunzip, gunzipSync } from "node:zlib"
import type { AttemptOutcome } from "./answers"
import { isSpApiError } from "./errors"
import { classifyThrown } from "./transport-errors"
import type { SpApiTransport } from "./transport"

export type DownloadDocumentOptions = {
  /** Amazon's compressionAlgorithm of the document; GZIP documents are returned unpacked. */
  compressionAlgorithm?: "GZIP" | null
  /** Refuse documents larger than this (sent or unpacked); downloadDocument holds one in memory whole. Default 100 MiB. */
  maxBytes?: number
}

export interface DocumentsApi {
  /** The bytes of a document Amazon linked to; SpApiError with a sentence when it cannot be read. */
  downloadDocument(url: string, options?: DownloadDocumentOptions): Promise<Buffer>
  /**
   * PUTs `content` to a pre-signed upload link (createFeedDocument's `url`) with `contentType`, which must be
   * the one the document was created with: the link's signature covers it.
   */
  uploadDocument(url: string, content: Buffer | string, contentType: string): Promise<void>
  /**
   * The bytes of a document as they arrive (unpacked on the fly when GZIP), for documents too big to hold
   * whole, such as settlement reports. Resolves once Amazon's host answered 200 (429, 5xx and network failures
   * before that are retried); a failure while reading makes the stream emit an SpApiError with a sentence.
   * `maxBytes` limits both the bytes sent and the bytes unpacked.
   */
  streamDocument(url: string, options?: DownloadDocumentOptions): Promise<Readable>
}

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024
/** Once the body flows, the reader sets the pace (a parser storing rows); only a longer silence is a dead link. */
const STREAM_IDLE_TIMEOUT_MS = 120_000
const DOWNLOAD = { amazonName: "document download" }
const UPLOAD = { amazonName: "document upload" }
/** Amazon's own feed documents are limited to 10 MB; larger content is a bug on our side, not a network problem. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

// Connections to Amazon's document hosts are reused across downloads of a page.
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, timeout: 60_000 })
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8, timeout: 60_000 })

/** The link as it may be shown: scheme, host and path, without the pre-signed query. */
export function describeDocumentLink(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`
}

type Answer = { status: number; body: Buffer } | { tooLarge: true }

export function documentsApi(transport: SpApiTransport): DocumentsApi {
  const answers = transport.answers

  function send(url: URL, maxBytes: number, upload?: { content: Buffer; contentType: string }): Promise<Answer> {
    const client = url.protocol === "https:" ? https : http
    const headers: Record<string, string | number> = { "user-agent": transport.userAgent }
    if (upload) {
      headers["content-type"] = upload.contentType
      headers["content-length"] = upload.content.length
    }
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        { method: upload ? "PUT" : "GET", agent: url.protocol === "https:" ? httpsAgent : httpAgent, headers, timeout: transport.requestTimeoutMs },
        (response) => {
          const chunks: Buffer[] = []
          let size = 0
          response.on("data", (chunk: Buffer) => {
            size += chunk.length
            if (size > maxBytes) {
              response.destroy()
              resolve({ tooLarge: true })
              return
            }
            chunks.push(chunk)
          })
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }))
          response.on("error", reject)
        }
      )
      request.on("timeout", () => request.destroy(Object.assign(new Error("request timed out"), { code: "ETIMEDOUT" })))
      request.on("error", reject)
      request.end(upload?.content)
    })
  }

  function thrownOutcome(error: unknown, shown: string): AttemptOutcome<never> {
      const problem = classifyThrown(error)
      const reason = problem.kind === "network" ? problem.reason : problem.kind === "timeout" ? "no answer in time" : "the download failed"
      const build = (attempts: number) =>
        answers.error(DOWNLOAD, problem.kind === "timeout" ? "TIMEOUT" : "UNREACHABLE", `The Amazon document at ${shown} could not be downloaded: ${reason}.`, {
          attempts,
          detail: "code" in problem ? (problem.code ?? "unknown") : problem.kind,
        })
      const retryable = problem.kind === "timeout" || (problem.kind === "network" && problem.retryable)
      return retryable ? answers.retryable(`${reason} (${shown})`, build) : { kind: "failure", next: "stop", summary: reason, toError: build }
  }

  function tooLargeMessage(shown: string, maxBytes: number): string {
    const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MiB` : `${maxBytes} bytes`
    return `The Amazon document at ${shown} is larger than ${limit} and was not downloaded.`
  }

  async function attempt(url: URL, shown: string, maxBytes: number): Promise<AttemptOutcome<Buffer>> {
    let answer: Answer
    try {
      answer = await send(url, maxBytes)
    } catch (error) {
      return thrownOutcome(error, shown)
    }
    if ("tooLarge" in answer) return answers.stop(DOWNLOAD, "AMAZON_REJECTED", tooLargeMessage(shown, maxBytes))
    const { status, body } = answer
    if (status === 200) return { kind: "success", value: body }
    return statusOutcome(status, shown)
  }

  function statusOutcome(status: number, shown: string): AttemptOutcome<never> {
    if (status === 429 || status >= 500) {
      return answers.retryable(`HTTP ${status} (${shown})`, (attempts) =>
        answers.error(DOWNLOAD, status === 429 ? "THROTTLED" : "SERVER_ERROR", `Amazon's document host answered HTTP ${status} for ${shown}; the next sync retries.`, {
          httpStatus: status,
          attempts,
        })
      )
    }
    return answers.stop(
      DOWNLOAD,
      "AMAZON_REJECTED",
      `Amazon's document host answered HTTP ${status} for ${shown}; links to Amazon documents expire, the next sync asks Amazon for a fresh one.`,
      { httpStatus: status }
    )
  }

  async function uploadAttempt(url: URL, shown: string, content: Buffer, contentType: string): Promise<AttemptOutcome<void>> {
    let answer: Answer
    try {
      // The answer of a document host to a PUT is empty or a short XML error.
      answer = await send(url, 1024 * 1024, { content, contentType })
    } catch (error) {
      const problem = classifyThrown(error)
      const reason = problem.kind === "network" ? problem.reason : problem.kind === "timeout" ? "no answer in time" : "the upload failed"
      const build = (attempts: number) =>
        answers.error(UPLOAD, problem.kind === "timeout" ? "TIMEOUT" : "UNREACHABLE", `The feed could not be uploaded to Amazon's document host ${shown}: ${reason}. It is sent again on the next try.`, {
          attempts,
          detail: "code" in problem ? (problem.code ?? "unknown") : problem.kind,
        })
      const retryable = problem.kind === "timeout" || (problem.kind === "network" && problem.retryable)
      return retryable ? answers.retryable(`${reason} (${shown})`, build) : { kind: "failure", next: "stop", summary: reason, toError: build }
    }
    if ("tooLarge" in answer) {
      return answers.stop(UPLOAD, "MALFORMED_RESPONSE", `Amazon's document host answered the feed upload at ${shown} with an unexpectedly large body; the feed was not submitted.`)
    }
    const { status } = answer
    if (status >= 200 && status < 300) return { kind: "success", value: undefined }
    if (status === 429 || status >= 500) {
      return answers.retryable(`HTTP ${status} (${shown})`, (attempts) =>
        answers.error(UPLOAD, status === 429 ? "THROTTLED" : "SERVER_ERROR", `Amazon's document host answered HTTP ${status} to the feed upload at ${shown}; it is sent again on the next try.`, {
          httpStatus: status,
          attempts,
        })
      )
    }
    return answers.stop(
      UPLOAD,
      "AMAZON_REJECTED",
      `Amazon's document host refused the feed upload at ${shown} (HTTP ${status}); upload links expire after five minutes, the next try asks Amazon for a fresh one.`,
      { httpStatus: status }
    )
  }

  /** Only links Amazon would give: https, or plain http when the account itself points at a plain-http endpoint. */
  function documentLink(link: string, spec: { amazonName: string }): { url: URL; shown: string } {
    let url: URL
    try {
      url = new URL(link)
    } catch {
      throw transport.invalidRequest(spec, "the document link is not a URL")
    }
    const shown = transport.redact(describeDocumentLink(url))
    const allowed = url.protocol === "https:" || (url.protocol === "http:" && transport.allowsPlainHttpDocuments)
    if (!allowed || url.username || url.password) {
      throw transport.invalidRequest(spec, `the document link ${shown} is not an https:// link Amazon would give`)
    }
    return { url, shown }
  }

  /** Opens the link and resolves with the answer once its status and headers are in. */
  function open(url: URL): Promise<http.IncomingMessage> {
    const client = url.protocol === "https:" ? https : http
    return new Promise((resolve, reject) => {
      const request = client.get(
        url,
        { agent: url.protocol === "https:" ? httpsAgent : httpAgent, headers: { "user-agent": transport.userAgent }, timeout: transport.requestTimeoutMs },
        (response) => {
          request.setTimeout(Math.max(transport.requestTimeoutMs, STREAM_IDLE_TIMEOUT_MS))
          resolve(response)
        }
      )
      request.on("timeout", () => request.destroy(Object.assign(new Error("download timed out"), { code: "ETIMEDOUT" })))
      request.on("error", reject)
    })
  }

  async function attemptOpen(url: URL, shown: string, maxBytes: number): Promise<AttemptOutcome<http.IncomingMessage>> {
    let response: http.IncomingMessage
    try {
      response = await open(url)
    } catch (error) {
      return thrownOutcome(error, shown)
    }
    const status = response.statusCode ?? 0
    if (status !== 200) {
      response.resume()
      return statusOutcome(status, shown)
    }
    const announced = Number(response.headers["content-length"])
    if (Number.isFinite(announced) && announced > maxBytes) {
      response.destroy()
      return answers.stop(DOWNLOAD, "AMAZON_REJECTED", tooLargeMessage(shown, maxBytes))
    }
    return { kind: "success", value: response }
  }

  /** The bytes of an open answer, counted, unpacked when GZIP, with every failure as an SpApiError sentence. */
  function bytesOf(response: http.IncomingMessage, shown: string, maxBytes: number, gzip: boolean): Readable {
    const tooLarge = () => answers.error(DOWNLOAD, "AMAZON_REJECTED", tooLargeMessage(shown, maxBytes), {})
    let sent = 0
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sent += chunk.length
        if (sent > maxBytes) callback(tooLarge())
        else callback(null, chunk)
      },
    })
    let ended = false
    response.on("end", () => (ended = true))
    const source: Readable = gzip ? pipeline(response, counter, createGunzip(), () => undefined) : pipeline(response, counter, () => undefined)

    async function* chunks(): AsyncGenerator<Buffer> {
      let unpacked = 0
      try {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          unpacked += chunk.length
          if (unpacked > maxBytes) throw tooLarge()
          yield chunk
        }
        if (!ended || response.complete === false) throw new Error("the document ended early")
      } catch (error) {
        if (isSpApiError(error)) throw error
        const code = (error as { code?: unknown })?.code
        if (gzip && typeof code === "string" && code.startsWith("Z_")) {
          throw answers.error(DOWNLOAD, "MALFORMED_RESPONSE", `The Amazon document at ${shown} is not the GZIP file Amazon announced.`, {})
        }
        const problem = classifyThrown(error)
        throw answers.error(
          DOWNLOAD,
          problem.kind === "timeout" ? "TIMEOUT" : "UNREACHABLE",
          `The download of the Amazon document at ${shown} broke off before its end; the next sync downloads it again.`,
          { detail: "code" in problem ? (problem.code ?? "unknown") : problem.kind }
        )
      } finally {
        response.destroy()
      }
    }
    return Readable.from(chunks(), { objectMode: false })
  }

  return {
    async uploadDocument(link, content, contentType) {
      const { url, shown } = documentLink(link, UPLOAD)
      const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content
      if (bytes.length === 0) throw transport.invalidRequest(UPLOAD, "the feed document is empty")
      if (bytes.length > MAX_UPLOAD_BYTES) throw transport.invalidRequest(UPLOAD, "the feed document is larger than 10 MB")
      if (!contentType.trim()) throw transport.invalidRequest(UPLOAD, "the content type is empty")
      await transport.withRetries(UPLOAD, () => uploadAttempt(url, shown, bytes, contentType))
    },

    async streamDocument(link, options = {}) {
      const { url, shown } = documentLink(link, DOWNLOAD)
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
      const response = await transport.withRetries(DOWNLOAD, () => attemptOpen(url, shown, maxBytes))
      return bytesOf(response, shown, maxBytes, options.compressionAlgorithm === "GZIP")
    },

    async downloadDocument(link, options = {}) {
      const { url, shown } = documentLink(link, DOWNLOAD)
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
      const body = await transport.withRetries(DOWNLOAD, () => attempt(url, shown, maxBytes))
      if (options.compressionAlgorithm !== "GZIP") return body
      try {
        return gunzipSync(body, { maxOutputLength: maxBytes })
      } catch {
        throw answers.error(DOWNLOAD, "MALFORMED_RESPONSE", `The Amazon document at ${shown} is not the GZIP file Amazon announced.`, {})
      }
    },
  }
}
