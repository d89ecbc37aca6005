/**
 * Downloads of documents Amazon links to from its answers: Amazon Custom customization ZIPs today, feed
 * results and reports (getReportDocument / getFeedDocument give a URL and a compression) next.
 *
 * Such a link is pre-signed: it carries its own authorisation, so nothing of ours is sent with it (no access
 * token, no RDT). Its query string is that authorisation, so messages name the link without it. Only https
 * links are followed, and plain http only when the account itself points at a plain-http endpoint (a local
 * simulator), so an answer cannot make the server fetch arbitrary local resources.
 */
import * as http from "node:http"
import * as https from "node:https"
import { gunzipSync } from "node:zlib"
import type { AttemptOutcome } from "./answers"
import { classifyThrown } from "./transport-errors"
import type { SpApiTransport } from "./transport"

export type DownloadDocumentOptions = {
  /** Amazon's compressionAlgorithm of the document; GZIP documents are returned unpacked. */
  compressionAlgorithm?: "GZIP" | null
  /** Refuse documents larger than this; a document is held in memory whole. Default 100 MiB. */
  maxBytes?: number
}

export interface DocumentsApi {
  /** The bytes of a document Amazon linked to; SpApiError with a sentence when it cannot be read. */
  downloadDocument(url: string, options?: DownloadDocumentOptions): Promise<Buffer>
}

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024
const DOWNLOAD = { amazonName: "document download" }

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

  function get(url: URL, maxBytes: number): Promise<Answer> {
    const client = url.protocol === "https:" ? https : http
    return new Promise((resolve, reject) => {
      const request = client.get(
        url,
        { agent: url.protocol === "https:" ? httpsAgent : httpAgent, headers: { "user-agent": transport.userAgent }, timeout: transport.requestTimeoutMs },
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
      request.on("timeout", () => request.destroy(Object.assign(new Error("download timed out"), { code: "ETIMEDOUT" })))
      request.on("error", reject)
    })
  }

  async function attempt(url: URL, shown: string, maxBytes: number): Promise<AttemptOutcome<Buffer>> {
    let answer: Answer
    try {
      answer = await get(url, maxBytes)
    } catch (error) {
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
    if ("tooLarge" in answer) {
      return answers.stop(DOWNLOAD, "AMAZON_REJECTED", `The Amazon document at ${shown} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB and was not downloaded.`)
    }
    const { status, body } = answer
    if (status === 200) return { kind: "success", value: body }
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

  return {
    async downloadDocument(link, options = {}) {
      let url: URL
      try {
        url = new URL(link)
      } catch {
        throw transport.invalidRequest(DOWNLOAD, "the document link is not a URL")
      }
      const shown = transport.redact(describeDocumentLink(url))
      const allowed = url.protocol === "https:" || (url.protocol === "http:" && transport.allowsPlainHttpDocuments)
      if (!allowed || url.username || url.password) {
        throw transport.invalidRequest(DOWNLOAD, `the document link ${shown} is not an https:// link Amazon would give`)
      }
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
