import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"
import { FEED_MESSAGE_FIELDS, FEED_SUBMISSION_FIELDS } from "../query"

/** One feed with its messages: which order each one was, and Amazon's result for it. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const [feed] = await amazon.listAmazonFeedSubmissions({ id: req.params.id }, { select: [...FEED_SUBMISSION_FIELDS, "content"] as any, take: 1 })
  if (!feed) throw new MedusaError(MedusaError.Types.NOT_FOUND, `The Amazon feed ${req.params.id} was not found.`)
  const messages = await amazon.listAmazonFeedMessages({ submission_id: feed.id }, { select: FEED_MESSAGE_FIELDS as any, order: { message_id: "ASC" }, take: null })
  res.json({ feed, messages })
}
