import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

/**
 * A row stays "sent" only while its request is on its way; the SP-API client gives up well within this time
 * (a few retries of at most 30 s each). Older "sent" rows belong to a process that died mid-request.
 */
export const STALE_SENT_AFTER_MS = 15 * 60 * 1000

export const releaseStaleAmazonTrackingClaimsStepId = "release-stale-amazon-tracking-claims"

/**
 * Returns confirmations whose sender died to waiting. Amazon may have applied the lost request, so the next
 * attempt first looks for the package in Amazon's own record of the order instead of sending it blindly.
 */
export const releaseStaleAmazonTrackingClaimsStep = createStep(releaseStaleAmazonTrackingClaimsStepId, async (_input: Record<string, never>, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const released = await amazon.releaseStaleClaims(new Date(Date.now() - STALE_SENT_AFTER_MS))
  return new StepResponse<string[]>(released)
})
