import { existsSync, lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from "node:fs"
import path from "node:path"

const REPO_ROOT = path.resolve(__dirname, "..")

/**
 * The test app and the demo install this repo the way a store installs the published plugin:
 * by package name, resolved from node_modules, loading the built output in .medusa/server.
 */
export function linkPluginIntoNodeModules() {
  const link = path.join(REPO_ROOT, "node_modules", "medusa-plugin-amazon")
  if (existsSync(link) || isDanglingLink(link)) {
    if (lstatSync(link).isSymbolicLink() && path.resolve(path.dirname(link), readlinkSync(link)) === REPO_ROOT) return
    unlinkSync(link)
  }
  mkdirSync(path.dirname(link), { recursive: true })
  symlinkSync("..", link, "dir")
  if (!existsSync(path.join(REPO_ROOT, ".medusa", "server", "src"))) {
    throw new Error("The plugin is not built yet: run `npx medusa plugin:build` (npm test does it first).")
  }
}

function isDanglingLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink()
  } catch {
    return false
  }
}
