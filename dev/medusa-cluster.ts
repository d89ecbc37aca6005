import { readFileSync } from "node:fs"
import { startMedusaApp, type AppEnv, type RunningApp } from "./medusa-app"

/**
 * Several `medusa start` processes of the app in integration-tests/app on one database and one Redis, as a store
 * runs in production: one HTTP server (workerMode "server") and workers (workerMode "worker", which run the
 * scheduled jobs, subscribers and background workflows). In Medusa 2.21 a worker still listens on its PORT and
 * answers /health (the API routes are not mounted), so every process is awaited the same way.
 */
export type ClusterProcessName = "server" | `worker-${number}`

export type MedusaCluster = {
  server: RunningApp
  workerNames: ClusterProcessName[]
  process: (name: ClusterProcessName) => RunningApp
  /** kill -9 of the process and everything it started: no shutdown hook runs, as when a machine dies. */
  kill: (name: ClusterProcessName) => Promise<void>
  /** Starts the named process again with the same environment and port; resolves when it answers /health. */
  restart: (name: ClusterProcessName) => Promise<RunningApp>
  /** The worker that used the most CPU over `sampleMs`: the one running the import or pushes right now. */
  busiestWorker: (sampleMs?: number) => Promise<ClusterProcessName>
  /** Everything every process printed, newest last, with the process's name on each chunk. */
  logs: () => string
  stop: () => Promise<void>
}

export async function startMedusaCluster(env: AppEnv, { workers = 2, timeoutMs = 5 * 60 * 1000 } = {}): Promise<MedusaCluster> {
  const running = new Map<ClusterProcessName, RunningApp>()
  const envOf = (name: ClusterProcessName): AppEnv => ({ ...env, MEDUSA_WORKER_MODE: name === "server" ? "server" : "worker" })
  const earlierLogs: string[] = []
  const start = async (name: ClusterProcessName, port?: number) => {
    const app = await startMedusaApp(envOf(name), { port, timeoutMs })
    running.set(name, app)
    return app
  }
  const workerNames = Array.from({ length: workers }, (_, index) => `worker-${index + 1}` as ClusterProcessName)
  const stop = async () => {
    await Promise.all([...running.values()].map((app) => app.stop()))
  }
  try {
    // One after the other: on a small machine parallel boots only slow each other down.
    await start("server")
    for (const name of workerNames) await start(name)
  } catch (error) {
    await stop()
    throw error
  }

  const processOf = (name: ClusterProcessName) => {
    const app = running.get(name)
    if (!app) throw new Error(`No process named ${name} in this cluster.`)
    return app
  }
  const kill = async (name: ClusterProcessName) => {
    const app = processOf(name)
    if (app.process.exitCode !== null || app.process.signalCode !== null) return
    const exited = new Promise((resolve) => app.process.once("exit", resolve))
    process.kill(-app.process.pid!, "SIGKILL")
    await exited
    earlierLogs.push(`---- ${name} (killed) ----\n${app.logs()}`)
  }
  const restart = async (name: ClusterProcessName) => {
    const previous = processOf(name)
    if (previous.process.exitCode === null && previous.process.signalCode === null) await kill(name)
    return start(name, previous.port)
  }
  const cpuTicks = (pid: number) => {
    try {
      // /proc/<pid>/stat: fields 14 and 15 are user and system time; the name (field 2) may hold spaces.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
      return Number(fields[11]) + Number(fields[12])
    } catch {
      return 0
    }
  }
  const busiestWorker = async (sampleMs = 2000) => {
    const before = new Map(workerNames.map((name) => [name, cpuTicks(processOf(name).process.pid!)]))
    await new Promise((resolve) => setTimeout(resolve, sampleMs))
    const used = workerNames.map((name) => ({ name, ticks: cpuTicks(processOf(name).process.pid!) - before.get(name)! }))
    used.sort((a, b) => b.ticks - a.ticks)
    return used[0].name
  }
  const logs = () =>
    [...earlierLogs, ...[...running.entries()].map(([name, app]) => `---- ${name} ----\n${app.logs()}`)].join("\n")

  return { server: processOf("server"), workerNames, process: processOf, kill, restart, busiestWorker, logs, stop }
}
