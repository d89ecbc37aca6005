import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"

export type ConnectionCheck = { ok: boolean; message: string }

export const checkAmazonConnectionStepId = "check-amazon-connection"

/** Asks Amazon for a token and makes one cheap call; any failure becomes a sentence, never a crash. */
export const checkAmazonConnectionStep = createStep(
  checkAmazonConnectionStepId,
  async (input: { account_id: string }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    let check: ConnectionCheck
    try {
      const account = await amazon.retrieveAmazonAccount(input.account_id, { select: ["id", "kind"] })
      const client = await amazon.clientForAccount(input.account_id)
      const vendor = account.kind === "vendor"
      const result = vendor ? await client.testVendorConnection() : await client.testConnection()
      check = result.ok
        ? { ok: true, message: vendor ? "Connected to Amazon Vendor Central: credentials accepted and purchase orders can be read." : "Connected to Amazon: credentials accepted and orders can be read." }
        : { ok: false, message: result.message }
    } catch (error) {
      check = { ok: false, message: describeForMerchant(error) }
    }
    return new StepResponse(check)
  }
)
