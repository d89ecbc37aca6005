import { dropDatabase, runMedusaCommand, startMedusaApp, type AppEnv, type RunningApp } from "../../dev/medusa-app"
import { createDatabaseFromTemplate, testDatabaseServerUrl } from "../../dev/database-templates"
import { startSimulator, type Simulator } from "../../simulator"

export type CrashTestBed = {
  /** The environment of every process the spec starts: its own database, the credentials key, no crash point. */
  readonly env: AppEnv
  /** Set once the suite's beforeAll ran. */
  simulator: Simulator
  /** A pg client on the spec's database, to read what the processes left. */
  db: { query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> }
  /** The process the spec started last and did not stop: stopped after the suite. */
  app: RunningApp | undefined
}

/**
 * What every crash spec stands on, with its teardown: a database of its own from the "seeded" template with the
 * spec's admin user, a simulator, and a pg client on the database. Registers the suite's beforeAll and afterAll.
 */
export function crashTestBed(name: string, admin: { email: string; password: string }, extraEnv: AppEnv = {}): CrashTestBed {
  const serverUrl = testDatabaseServerUrl()
  const databaseName = `amazon_${name}_${process.pid}_${Date.now()}`
  const env: AppEnv = {
    DATABASE_URL: `${serverUrl}/${databaseName}`,
    AMAZON_CREDENTIALS_KEY: process.env.AMAZON_CREDENTIALS_KEY,
    AMAZON_PLUGIN_CRASH_AT: "",
    ...extraEnv,
  }
  const bed = { env, app: undefined } as CrashTestBed
  let client: { connect(): Promise<void>; end(): Promise<void> } | undefined
  beforeAll(async () => {
    await createDatabaseFromTemplate(serverUrl, databaseName, "seeded")
    runMedusaCommand(["user", "-e", admin.email, "-p", admin.password], env)
    bed.simulator = await startSimulator({ port: 0, timeScale: 100 })
    const { Client } = require("pg")
    client = new Client({ connectionString: env.DATABASE_URL })
    await client!.connect()
    bed.db = client as unknown as CrashTestBed["db"]
  })
  afterAll(async () => {
    await bed.app?.stop()
    await client?.end()
    await bed.simulator?.close()
    await dropDatabase(serverUrl, databaseName).catch(() => undefined)
  })
  return bed
}

/**
 * Starts a Medusa process that is expected to die (SIGKILL, through the plugin's AMAZON_PLUGIN_CRASH_AT hook) at
 * `point`, on its own (a job) or while `act` runs against it; fails the test if it is not killed there. A process
 * killed while booting (a job ran before /health answered) counts as killed at the point.
 */
export async function crashAt(env: AppEnv, point: string, act?: (running: RunningApp) => Promise<void>) {
  let running: RunningApp | undefined
  let exited: Promise<unknown> | undefined
  try {
    running = await startMedusaApp({ ...env, AMAZON_PLUGIN_CRASH_AT: point }, { timeoutMs: 4 * 60 * 1000 })
    const child = running.process
    exited = child.signalCode !== null ? Promise.resolve(child.signalCode) : new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)))
    if (act) await act(running).catch((error) => {
      if (!/fetch failed|socket hang up|ECONNRESET/.test(String(error?.message))) throw error
    })
  } catch (error) {
    if (!/exited before it was ready \(exit SIGKILL\)/.test(String((error as Error).message))) throw error
    return
  }
  const signal = await Promise.race([
    exited,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`The process was not killed at ${point}. Its last output:\n${running!.logs().split("\n").slice(-40).join("\n")}`)), 60_000).unref()),
  ])
  if (signal !== "SIGKILL") throw new Error(`The process stopped with ${String(signal)} instead of being killed at ${point}.`)
}
