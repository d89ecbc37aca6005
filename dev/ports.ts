import net from "node:net"

/** Whether something accepts TCP connections on host:port. */
export function acceptsConnections(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

function canBind(port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(port, "0.0.0.0", () => {
      const address = server.address()
      const chosen = typeof address === "object" && address ? address.port : port
      server.close(() => resolve(chosen))
    })
  })
}

/**
 * A TCP port nobody listens on: `preferred` when it is free, else one the OS picks. Binding alone is not proof:
 * a server listening only on ::1 or 127.0.0.1 leaves 0.0.0.0 bindable, yet "localhost" would reach it.
 */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred) {
    const taken = (await acceptsConnections("127.0.0.1", preferred)) || (await acceptsConnections("::1", preferred))
    if (!taken) {
      const bound = await canBind(preferred).catch(() => null)
      if (bound) return bound
    }
  }
  return canBind(0)
}
