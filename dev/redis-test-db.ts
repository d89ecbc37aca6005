/**
 * A Redis logical database of its own for one test run, so that parallel runs on one Redis never share queues,
 * locks or workflow state: the first of databases 1..15 that is empty and that this run claims with SET NX.
 */
const CLAIM_KEY = "medusa-plugin-amazon:test-run"
const FIRST_DB = 1
const LAST_DB = 15

export type ClaimedRedisDatabase = { url: string; index: number; release: () => Promise<void> }

export async function claimRedisDatabase(serverUrl = process.env.AMAZON_TEST_REDIS_SERVER ?? "redis://127.0.0.1:6379"): Promise<ClaimedRedisDatabase> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Redis = require("ioredis")
  const owner = `${process.pid}@${Date.now()}`
  for (let index = FIRST_DB; index <= LAST_DB; index++) {
    const client = new Redis(`${serverUrl}/${index}`, { lazyConnect: true, maxRetriesPerRequest: 1 })
    try {
      await client.connect()
      if ((await client.dbsize()) > 0) continue
      // Another run may have checked the same empty database a moment ago: only one SET NX wins.
      if ((await client.set(CLAIM_KEY, owner, "NX")) !== "OK") continue
      const url = `${serverUrl}/${index}`
      const release = async () => {
        const cleaner = new Redis(url, { maxRetriesPerRequest: 1 })
        try {
          if ((await cleaner.get(CLAIM_KEY)) === owner) await cleaner.flushdb()
        } finally {
          cleaner.disconnect()
        }
      }
      return { url, index, release }
    } catch (error) {
      throw new Error(`Redis at ${serverUrl} is needed for the multi-process tests and did not answer (${(error as Error).message}). Start it, e.g. \`redis-server --daemonize yes\`.`)
    } finally {
      client.disconnect()
    }
  }
  throw new Error(`Every Redis database ${FIRST_DB}..${LAST_DB} on ${serverUrl} is in use by another run; wait for one to end or flush a stale one.`)
}
