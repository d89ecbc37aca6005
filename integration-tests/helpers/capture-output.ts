/**
 * Records everything written to stdout/stderr and the console while a test file runs (the Medusa app runs
 * in-process), so tests can assert that no secret ever reaches a log line. Output still reaches the terminal.
 */
export function captureProcessOutput() {
  const chunks: string[] = []
  const originals = {
    stdout: process.stdout.write.bind(process.stdout),
    stderr: process.stderr.write.bind(process.stderr),
  }
  const consoleMethods = ["log", "info", "warn", "error", "debug"] as const
  const originalConsole = Object.fromEntries(consoleMethods.map((m) => [m, console[m]])) as Record<string, (...a: unknown[]) => void>

  beforeAll(() => {
    process.stdout.write = ((chunk: any, ...rest: any[]) => {
      chunks.push(String(chunk))
      return originals.stdout(chunk, ...rest)
    }) as typeof process.stdout.write
    process.stderr.write = ((chunk: any, ...rest: any[]) => {
      chunks.push(String(chunk))
      return originals.stderr(chunk, ...rest)
    }) as typeof process.stderr.write
    for (const method of consoleMethods) {
      console[method] = (...args: unknown[]) => {
        chunks.push(args.map((a) => (typeof a === "string" ? a : safeStringify(a))).join(" "))
        originalConsole[method](...args)
      }
    }
  })
  afterAll(() => {
    process.stdout.write = originals.stdout as typeof process.stdout.write
    process.stderr.write = originals.stderr as typeof process.stderr.write
    for (const method of consoleMethods) console[method] = originalConsole[method]
  })
  return { text: () => chunks.join("") }
}

function safeStringify(value: unknown): string {
  try {
    return value instanceof Error ? `${value.message}\n${value.stack}` : JSON.stringify(value)
  } catch {
    return String(value)
  }
}
