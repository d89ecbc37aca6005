/**
 * Test-only fault hook: the crash tests name a point in AMAZON_PLUGIN_CRASH_AT and the process dies there, as a
 * `kill -9` would, so they can prove that a restart neither repeats nor loses an effect. Inert unless set.
 */
export function crashPoint(name: string) {
  if (process.env.AMAZON_PLUGIN_CRASH_AT === name) {
    process.kill(process.pid, "SIGKILL")
  }
}
