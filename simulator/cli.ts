// Runs the simulator from a shell:
//   npx ts-node --swc simulator/cli.ts --port 4567 [--host 127.0.0.1] [--seed demo] [--time-scale 1]
// Prints one line with its URL, then serves until interrupted.
import { demoOrders, startSimulator } from "./index"

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  if (index >= 0) return process.argv[index + 1]
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  return inline?.slice(name.length + 3)
}

async function main(): Promise<void> {
  const port = Number(argument("port") ?? 0)
  const timeScale = Number(argument("time-scale") ?? 1)
  const seed = argument("seed")
  if (!Number.isInteger(port) || port < 0) throw new Error(`--port must be a port number, got ${argument("port")}`)
  if (seed !== undefined && seed !== "demo") throw new Error(`--seed supports only "demo", got ${seed}`)

  const simulator = await startSimulator({ port, host: argument("host") ?? "127.0.0.1", timeScale })
  if (seed === "demo") simulator.seedOrders(demoOrders({ now: simulator.now() }))
  console.log(`SP-API simulator listening on ${simulator.url}${seed ? ` (seeded: ${seed})` : ""}`)

  const stop = () => {
    simulator.close().finally(() => process.exit(0))
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

main().catch((error: unknown) => {
  console.error((error as Error).message)
  process.exit(1)
})
