import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import path from "node:path"
import { freePort } from "./ports"

export { freePort }

/**
 * Runs the store in integration-tests/app (a Medusa app with this plugin installed by package name)
 * as a separate process: used by the demo and by the browser tests.
 */
export const APP_DIR = path.resolve(__dirname, "..", "integration-tests", "app")
const MEDUSA_BIN = path.resolve(__dirname, "..", "node_modules", ".bin", "medusa")

export type AppEnv = Record<string, string | undefined>

export function runMedusaCommand(args: string[], env: AppEnv, { quiet = true } = {}) {
  const result = spawnSync(MEDUSA_BIN, args, {
    cwd: APP_DIR,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: quiet ? "pipe" : "inherit",
  })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.trim().split("\n").slice(-30).join("\n")
    throw new Error(`\`medusa ${args.join(" ")}\` failed (exit ${result.status}).\n${output}`)
  }
  return result
}

export async function ensureDatabaseExists(serverUrl: string, databaseName: string) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: `${serverUrl}/postgres` })
  await client.connect()
  try {
    const existing = await client.query("select 1 from pg_database where datname = $1", [databaseName])
    if (!existing.rowCount) await client.query(`create database "${databaseName}"`)
  } finally {
    await client.end()
  }
}

export async function dropDatabase(serverUrl: string, databaseName: string) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: `${serverUrl}/postgres` })
  await client.connect()
  try {
    await client.query(`drop database if exists "${databaseName}" with (force)`)
  } finally {
    await client.end()
  }
}

export type RunningApp = { url: string; port: number; process: ChildProcess; stop: () => Promise<void>; logs: () => string }

/** Starts `medusa start` in development mode (admin served by Vite) and waits until /health answers. */
export async function startMedusaApp(env: AppEnv, { port, timeoutMs = 240_000, echo = false } = {} as {
  port?: number
  timeoutMs?: number
  echo?: boolean
}): Promise<RunningApp> {
  // A port the OS picks: suites and apps started side by side must never be handed the same one.
  const chosenPort = port ?? (await freePort())
  const logs: string[] = []
  const child = spawn(MEDUSA_BIN, ["start"], {
    cwd: APP_DIR,
    env: { ...process.env, NODE_ENV: "development", ...env, PORT: String(chosenPort) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  const collect = (chunk: Buffer) => {
    const text = chunk.toString()
    logs.push(text)
    if (logs.length > 2000) logs.splice(0, logs.length - 2000)
    if (echo) process.stdout.write(text)
  }
  child.stdout?.on("data", collect)
  child.stderr?.on("data", collect)

  const url = `http://localhost:${chosenPort}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once("exit", resolve))
    try {
      process.kill(-child.pid!, "SIGTERM")
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL")
      } catch {
        /* already gone */
      }
    }, 10_000)
    await exited
    clearTimeout(timer)
  }

  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The Medusa app exited before it was ready (exit ${child.exitCode ?? child.signalCode}).\n${logs.join("").slice(-4000)}`)
    }
    try {
      const response = await fetch(`${url}/health`)
      if (response.ok) return { url, port: chosenPort, process: child, stop, logs: () => logs.join("") }
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  await stop()
  throw new Error(`The Medusa app did not answer on ${url}/health within ${timeoutMs / 1000}s.\n${logs.join("").slice(-4000)}`)
}

/** Logs in as an admin user with email + password, as the admin dashboard does, and returns a bearer token. */
export async function adminLogin(appUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${appUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  if (!response.ok) throw new Error(`Admin login failed (${response.status}): ${await response.text()}`)
  const { token } = (await response.json()) as { token: string }
  return token
}

export async function adminRequest<T = any>(appUrl: string, token: string, method: string, pathName: string, body?: unknown): Promise<T> {
  const response = await fetch(`${appUrl}${pathName}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${pathName} → ${response.status}: ${text}`)
  return (text ? JSON.parse(text) : {}) as T
}
