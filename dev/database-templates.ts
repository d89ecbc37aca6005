import { createHash } from "crypto"
import fs from "fs"
import path from "path"
import { APP_DIR, runMedusaCommand } from "./medusa-app"

/**
 * Test databases cloned from templates instead of migrated (and seeded) one by one: every integration spec, crash
 * spec, browser fixture and scale run starts from the same schema, so building it once per schema is enough.
 *
 * A template's name carries a fingerprint of everything that shapes the schema and the seed (the plugin's built
 * migrations and links, Medusa's version, the test app's config and seed script), so a changed migration makes a new
 * template and a template can be reused across runs and processes. Templates are built under a temporary name and
 * renamed when complete: a name that exists is always a whole template, even if a build was killed half-way.
 */
export type TemplateKind = "migrated" | "seeded"

const ROOT = path.resolve(__dirname, "..")
const TEMPLATE_PREFIX = "amazon_tpl_"

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? filesUnder(full, keep) : keep(full) ? [full] : []
    })
    .sort()
}

function schemaFingerprint(kind: TemplateKind): string {
  const built = path.join(ROOT, ".medusa", "server", "src")
  const files = [
    ...filesUnder(path.join(built, "modules"), (file) => file.includes(`${path.sep}migrations${path.sep}`) && file.endsWith(".js")),
    ...filesUnder(path.join(built, "links"), (file) => file.endsWith(".js")),
    path.join(APP_DIR, "medusa-config.ts"),
    require.resolve("@medusajs/medusa/package.json", { paths: [APP_DIR, ROOT] }),
    ...(kind === "seeded" ? [path.join(APP_DIR, "src", "scripts", "seed-demo.ts")] : []),
  ]
  const hash = createHash("sha256").update(kind)
  for (const file of files) hash.update(path.relative(ROOT, file)).update("\0").update(fs.readFileSync(file)).update("\0")
  return hash.digest("hex").slice(0, 16)
}

async function withServer<T>(serverUrl: string, work: (client: any) => Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Client } = require("pg")
  const client = new Client({ connectionString: `${serverUrl}/postgres` })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function databaseExists(client: any, name: string): Promise<boolean> {
  return Boolean((await client.query("select 1 from pg_database where datname = $1", [name])).rowCount)
}

/** The name of a complete template of this kind for the current schema, built now if none exists yet. */
export async function ensureTemplate(serverUrl: string, kind: TemplateKind): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${kind}_${schemaFingerprint(kind)}`
  if (await withServer(serverUrl, (client) => databaseExists(client, name))) return name
  const building = `${name}_building_${process.pid}`
  await withServer(serverUrl, async (client) => {
    await client.query(`drop database if exists "${building}" with (force)`)
    await client.query(`create database "${building}"`)
  })
  try {
    const env = { DATABASE_URL: `${serverUrl}/${building}`, AMAZON_CREDENTIALS_KEY: process.env.AMAZON_CREDENTIALS_KEY }
    runMedusaCommand(["db:migrate"], env)
    if (kind === "seeded") runMedusaCommand(["exec", "./src/scripts/seed-demo.ts"], env)
    await withServer(serverUrl, async (client) => {
      if (await databaseExists(client, name)) return // another process finished the same template first
      await client.query(`alter database "${building}" rename to "${name}"`)
    })
  } finally {
    await withServer(serverUrl, (client) => client.query(`drop database if exists "${building}" with (force)`))
  }
  return name
}

/** A fresh database with the current schema (and, for "seeded", the demo store), replacing any of the same name. */
export async function createDatabaseFromTemplate(serverUrl: string, databaseName: string, kind: TemplateKind) {
  const template = await ensureTemplate(serverUrl, kind)
  await withServer(serverUrl, async (client) => {
    await client.query(`drop database if exists "${databaseName}" with (force)`)
    await client.query(`create database "${databaseName}" template "${template}"`)
  })
}

/** Drops the templates of schemas other than the current one, so old runs do not pile up on the server. */
export async function dropOutdatedTemplates(serverUrl: string) {
  const current = new Set([`${TEMPLATE_PREFIX}migrated_${schemaFingerprint("migrated")}`, `${TEMPLATE_PREFIX}seeded_${schemaFingerprint("seeded")}`])
  await withServer(serverUrl, async (client) => {
    const { rows } = await client.query("select datname from pg_database where datname like $1", [`${TEMPLATE_PREFIX}%`])
    for (const { datname } of rows) {
      if (current.has(datname) || datname.includes("_building_")) continue
      await client.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined)
    }
  })
}

export function testDatabaseServerUrl() {
  const { DB_USERNAME, DB_PASSWORD, DB_HOST, DB_PORT } = process.env
  return `postgres://${DB_USERNAME}${DB_PASSWORD ? ":" + DB_PASSWORD : ""}@${DB_HOST}:${DB_PORT}`
}
