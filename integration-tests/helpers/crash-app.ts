import { startMedusaApp, type AppEnv, type RunningApp } from "../../dev/medusa-app"

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
