import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { SEEDED_PRODUCTS, seedStore } from "../../../helpers/seed-store"

/** `medusa exec ./src/scripts/seed-demo.ts`: a store ready for the demo's Amazon orders; does nothing the second time. */
export default async function seedDemo({ container }: ExecArgs) {
  const productModule = container.resolve(Modules.PRODUCT)
  const [existing] = await productModule.listProductVariants({ sku: SEEDED_PRODUCTS[0].sku }, { take: 1 })
  if (existing) {
    console.log("Store data already seeded.")
    return
  }
  const seeded = await seedStore(container)
  console.log(`Seeded regions, the "Amazon" sales channel, stock and ${Object.keys(seeded.variants).length} products.`)
}
