import net from "node:net"

/** A TCP port nobody listens on: `preferred` when it is free, else one the OS picks. */
export function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer()
      server.once("error", reject)
      server.listen(port, "0.0.0.0", () => {
        const address = server.address()
        const chosen = typeof address === "object" && address ? address.port : port
        server.close(() => resolve(chosen))
      })
    })
  return preferred ? tryPort(preferred).catch(() => tryPort(0)) : tryPort(0)
}
