export default async function globalTeardown() {
  const database = (globalThis as any).__AMAZON_TEST_DATABASE__
  if (database) await database.stop()
}
