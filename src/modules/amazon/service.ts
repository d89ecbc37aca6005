import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { AmazonAccount } from "./models/amazon-account"
import { AmazonOrder } from "./models/amazon-order"
import { AmazonOrderItem } from "./models/amazon-order-item"
import { AmazonSyncRun } from "./models/amazon-sync-run"
import { AmazonTrackingPush } from "./models/amazon-tracking-push"
import { AmazonProvisionalPayout } from "./models/amazon-provisional-payout"
import { AmazonSettlement } from "./models/amazon-settlement"
import { AmazonSettlementLine } from "./models/amazon-settlement-line"
import { AmazonSettlementOrder } from "./models/amazon-settlement-order"
import { AmazonSettlementReport } from "./models/amazon-settlement-report"
import { AmazonUnsettledOrder } from "./models/amazon-unsettled-order"
import { AmazonFeedMessage } from "./models/amazon-feed-message"
import { AmazonFeedSubmission } from "./models/amazon-feed-submission"
import { AmazonCancellationRequest } from "./models/amazon-cancellation-request"
import * as buyerRequests from "./services/buyer-cancellation-requests"
import * as feedQueue from "./services/feed-queue"
import { advanceFeeds, feedTimings, type FeedTimings, type FeedWorkerStore } from "./services/feed-worker"
import { AmazonVendorAcknowledgement } from "./models/amazon-vendor-acknowledgement"
import { AmazonVendorPurchaseOrder } from "./models/amazon-vendor-purchase-order"
import { AmazonVendorPurchaseOrderLine } from "./models/amazon-vendor-purchase-order-line"
import { AmazonVendorShipment } from "./models/amazon-vendor-shipment"
import { AmazonVendorShipmentFulfillment } from "./models/amazon-vendor-shipment-fulfillment"
import { AmazonVendorSsccCounter } from "./models/amazon-vendor-sscc-counter"
import { CredentialsCipher, MISSING_ENCRYPTION_KEY_MESSAGE, hasUsableEncryptionKey } from "./credentials-cipher"
import { endpointRefusal, type EndpointKind } from "./endpoint-policy"
import { readOrderPage, type OrderPageRequest } from "./order-import/order-page"
import { insertStagedOrders, type NewStagedOrder } from "./order-import/insert-staged-orders"
import { stageOrders, undoStaging, type StagingCompensation } from "./order-import/stage-orders"
import type { FetchedAmazonOrder, UnreadableAmazonOrder } from "./order-import/types"
import * as trackingOutbox from "./services/tracking-outbox"
import * as settlementImport from "./settlements/import-settlement-reports"
import {
  closeRowsWithoutRefunds,
  markRowsOfUnknownOrders,
  reconcilableRows,
  recordReconciliation,
  rowsWithRefundsToRecord,
  settlementRefunds,
  storeSettlement,
  type ReconciliationUpdate,
} from "./settlements/store-settlement"
import { recordUnsettledOrders, refreshSettlementCounts, settlementPeriods, SETTLEMENT_POSTING_MARGIN_MS, type ShippedOrder } from "./settlements/unsettled-orders"
import { createSpApiClient, type SpApiClient } from "./sp-api"
import type { SpApiCredentials } from "./sp-api/types"
import { stageVendorPurchaseOrders, undoVendorStaging, type VendorStagingCompensation } from "./vendor/stage-purchase-orders"
import type { PurchaseOrderFields } from "./vendor/purchase-order-fields"
import * as vendorAcknowledgements from "./vendor/acknowledgements"
import * as vendorOrderSync from "./vendor/vendor-order-sync"
import * as vendorShipments from "./vendor/shipments/shipments"
import * as shipmentFulfillments from "./vendor/shipments/shipment-fulfillments"
import type { ShipmentInput } from "./vendor/shipments/build-shipment"
import type { AcknowledgementInput } from "./vendor/build-acknowledgement"
import { AMAZON_SECRET_FIELDS, type AmazonModuleOptions } from "./types"
import { interruptedMessage, isStale, type SyncRunProgress } from "./sync-run-heartbeat"

type AccountRecord = Awaited<ReturnType<AmazonModuleService["retrieveAmazonAccount"]>>

/** Plain-text secrets as the merchant types them; only ever held in memory. */
export type AccountSecretsInput = {
  lwa_client_secret?: string
  refresh_token?: string
}

class AmazonModuleService extends MedusaService({
  AmazonAccount,
  AmazonSyncRun,
  AmazonOrder,
  AmazonOrderItem,
  AmazonTrackingPush,
  AmazonSettlement,
  AmazonSettlementLine,
  AmazonSettlementOrder,
  AmazonSettlementReport,
  AmazonProvisionalPayout,
  AmazonUnsettledOrder,
  AmazonFeedMessage,
  AmazonFeedSubmission,
  AmazonCancellationRequest,
  AmazonVendorPurchaseOrder,
  AmazonVendorPurchaseOrderLine,
  AmazonVendorAcknowledgement,
  AmazonVendorShipment,
  AmazonVendorShipmentFulfillment,
  AmazonVendorSsccCounter,
}) {
  protected readonly options_: AmazonModuleOptions
  private cipher_: CredentialsCipher | null = null

  constructor(container: Record<string, unknown>, options: AmazonModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = options ?? {}
  }

  private get encryptionKey(): string {
    return this.options_.encryptionKey || process.env.AMAZON_CREDENTIALS_KEY || ""
  }

  private get cipher(): CredentialsCipher {
    // Created lazily so that a store without the key still boots and shows the merchant what to set.
    if (!this.cipher_) {
      if (!hasUsableEncryptionKey(this.encryptionKey)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, MISSING_ENCRYPTION_KEY_MESSAGE)
      }
      this.cipher_ = new CredentialsCipher(this.encryptionKey)
    }
    return this.cipher_
  }

  /** What the admin shows before anyone types a secret: whether secrets can be saved, and where they may go. */
  configurationStatus() {
    const encryptionKeyConfigured = hasUsableEncryptionKey(this.encryptionKey)
    return {
      encryption_key_configured: encryptionKeyConfigured,
      encryption_key_message: encryptionKeyConfigured ? null : MISSING_ENCRYPTION_KEY_MESSAGE,
      allowed_endpoint_hosts: [...(this.options_.allowedEndpointHosts ?? [])],
    }
  }

  /** Why this URL may not receive the account's credentials (a sentence), or null when it may. */
  endpointRefusal(url: string | null | undefined, kind: EndpointKind): string | null {
    if (!url) return null
    return endpointRefusal(url, kind, this.options_.allowedEndpointHosts ?? [])
  }

  /** Refuses, with a 400 sentence, endpoints the store's policy does not allow. */
  assertEndpointsAllowed(endpoints: { api_endpoint?: string | null; token_endpoint?: string | null }): void {
    const refusal =
      this.endpointRefusal(endpoints.api_endpoint, "api") ?? this.endpointRefusal(endpoints.token_endpoint, "token")
    if (refusal) throw new MedusaError(MedusaError.Types.INVALID_DATA, refusal)
  }

  get moduleOptions(): AmazonModuleOptions {
    return this.options_
  }

  /** Encrypts the secrets the merchant typed into the columns that store them. */
  encryptSecrets(secrets: AccountSecretsInput): Record<string, string> {
    const encrypted: Record<string, string> = {}
    if (secrets.lwa_client_secret) encrypted.lwa_client_secret_encrypted = this.cipher.encrypt(secrets.lwa_client_secret)
    if (secrets.refresh_token) encrypted.refresh_token_encrypted = this.cipher.encrypt(secrets.refresh_token)
    return encrypted
  }

  /** The account without its ciphertexts, plus flags telling whether each secret is set. */
  toPublicAccount<T extends Record<string, any>>(account: T) {
    const publicAccount: Record<string, unknown> = { ...account }
    for (const field of AMAZON_SECRET_FIELDS) delete publicAccount[field]
    publicAccount.has_lwa_client_secret = !!account.lwa_client_secret_encrypted
    publicAccount.has_refresh_token = !!account.refresh_token_encrypted
    return publicAccount as Omit<T, (typeof AMAZON_SECRET_FIELDS)[number]> & {
      has_lwa_client_secret: boolean
      has_refresh_token: boolean
    }
  }

  credentialsFor(account: AccountRecord): SpApiCredentials {
    if (!account.lwa_client_secret_encrypted || !account.refresh_token_encrypted) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `The Amazon account "${account.name}" has no saved credentials. Enter the LWA client secret and refresh token in Settings → Amazon.`
      )
    }
    const endpoint = account.api_endpoint ?? this.options_.defaultApiEndpoint ?? null
    const tokenEndpoint = account.token_endpoint ?? this.options_.defaultTokenEndpoint ?? null
    // Checked again here, not only when saved: the store's allowed hosts may have shrunk since.
    const refusal = this.endpointRefusal(endpoint, "api") ?? this.endpointRefusal(tokenEndpoint, "token")
    if (refusal) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The Amazon account "${account.name}" was not sent its credentials: ${refusal}`
      )
    }
    return {
      // Rate-limit buckets and connections are shared per account across the clients of one process.
      accountKey: account.id,
      region: account.region,
      clientId: account.lwa_client_id,
      clientSecret: this.cipher.decrypt(account.lwa_client_secret_encrypted),
      refreshToken: this.cipher.decrypt(account.refresh_token_encrypted),
      endpoint,
      tokenEndpoint,
    }
  }

  /** Counts so far plus a heartbeat, so the admin shows a running run's progress and a dead run is recognised. */
  async recordSyncRunProgress(id: string, progress: SyncRunProgress = {}) {
    return await this.updateAmazonSyncRuns({ id, ...progress, heartbeat_at: new Date() })
  }

  /** Marks waiting or running runs whose process has gone (stale heartbeat) interrupted, keeping what they had done. */
  async markStaleSyncRunsInterrupted(filters: { account_id?: string; kind?: string } = {}) {
    const open = await this.listAmazonSyncRuns({ ...filters, status: ["waiting", "running"] } as any, { take: null })
    const now = new Date()
    const stale = open.filter((run) => isStale(run, now))
    if (!stale.length) return []
    return await this.updateAmazonSyncRuns(
      stale.map((run) => ({
        id: run.id,
        status: "interrupted" as const,
        finished_at: now,
        duration_ms: now.getTime() - new Date(run.started_at).getTime(),
        message: interruptedMessage(run),
      }))
    )
  }

  /** A ready SP-API client for one account; the only way the rest of the plugin reaches Amazon. */
  async clientForAccount(accountId: string): Promise<SpApiClient> {
    const account = await this.retrieveAmazonAccount(accountId)
    return createSpApiClient(this.credentialsFor(account), {
      timeScale: this.options_.rateLimitTimeScale ?? 1,
      redisUrl: this.options_.redisUrl || process.env.AMAZON_PLUGIN_REDIS_URL || null,
    })
  }

  /** One page of the account's orders changed in the window, read through its Orders API version. Read-only. */
  async fetchOrderPage(accountId: string, request: OrderPageRequest) {
    const account = await this.retrieveAmazonAccount(accountId)
    return await readOrderPage(await this.clientForAccount(accountId), account, request)
  }

  /** Upserts a page of Amazon orders into the staging table; returns what was staged and what undoes it. */
  async stageOrders(accountId: string, orders: FetchedAmazonOrder[], unreadable: UnreadableAmazonOrder[]) {
    return await stageOrders(this, accountId, orders, unreadable)
  }

  /** Puts staging rows back as they were before stageOrders wrote them. */
  async undoStaging(compensation: StagingCompensation) {
    await undoStaging(this, compensation)
  }

  // ---- Amazon Vendor ----

  /** Stores purchase orders read from Amazon (new, changed or unchanged); returns what undoes it. */
  async stageVendorPurchaseOrders(accountId: string, purchaseOrders: PurchaseOrderFields[]) {
    return await stageVendorPurchaseOrders(this, accountId, purchaseOrders)
  }

  async undoVendorStaging(compensation: VendorStagingCompensation) {
    await undoVendorStaging(this, compensation)
  }

  /** Checks the merchant's answers to a PO and records them as an acknowledgement to send (400 sentences otherwise). */
  async recordVendorAcknowledgement(purchaseOrderId: string, input: AcknowledgementInput) {
    return await vendorAcknowledgements.recordVendorAcknowledgement(this, purchaseOrderId, input)
  }

  /** Sends pending acknowledgements (these, or all), each claimed by one sender: one submitAcknowledgement each. */
  @InjectManager()
  async sendPendingVendorAcknowledgements(ids?: string[], @MedusaContext() sharedContext: Context = {}) {
    return await vendorAcknowledgements.sendPendingVendorAcknowledgements(this, sharedContext.manager as trackingOutbox.SqlRunner, ids)
  }

  /** Settles acknowledgements left "sending" since before `claimedBefore` by asking Amazon's PO whether they arrived. */
  @InjectManager()
  async resolveStaleVendorAcknowledgements(claimedBefore: Date, @MedusaContext() sharedContext: Context = {}) {
    return await vendorAcknowledgements.resolveStaleVendorAcknowledgements(this, sharedContext.manager as trackingOutbox.SqlRunner, claimedBefore)
  }

  /** Reads Amazon's transaction result of acknowledgements that are processing. */
  @InjectManager()
  async pollVendorAcknowledgementResults(ids?: string[], @MedusaContext() sharedContext: Context = {}) {
    return await vendorAcknowledgements.pollVendorAcknowledgementResults(this, sharedContext.manager as trackingOutbox.SqlRunner, ids)
  }

  /** POs whose Medusa order does not match what Amazon took and now orders (see vendor/vendor-order-sync.ts). */
  @InjectManager()
  async listDueVendorOrderSyncs(filter: { account_id?: string; ids?: string[] } = {}, @MedusaContext() sharedContext: Context = {}) {
    return await vendorOrderSync.dueVendorOrderSyncs(sharedContext.manager as trackingOutbox.SqlRunner, filter)
  }

  /** Stores the PO's order id before the order exists; false when the PO has another order already. */
  @InjectManager()
  async recordVendorOrderIntent(purchaseOrderId: string, orderId: string, @MedusaContext() sharedContext: Context = {}) {
    return await vendorOrderSync.recordVendorOrderIntent(sharedContext.manager as trackingOutbox.SqlRunner, purchaseOrderId, orderId)
  }

  @InjectManager()
  async clearVendorOrderIntent(purchaseOrderId: string, orderId: string, @MedusaContext() sharedContext: Context = {}) {
    await vendorOrderSync.clearVendorOrderIntent(sharedContext.manager as trackingOutbox.SqlRunner, purchaseOrderId, orderId)
  }

  /** True only for the first caller: order.placed of the PO's order is recorded as sent. */
  @InjectManager()
  async recordVendorOrderPlaced(purchaseOrderId: string, @MedusaContext() sharedContext: Context = {}) {
    return await vendorOrderSync.recordVendorOrderPlaced(sharedContext.manager as trackingOutbox.SqlRunner, purchaseOrderId)
  }

  @InjectManager()
  async recordVendorOrderInLine(purchaseOrderId: string, acknowledgementId: string, dueAt: Date | null, @MedusaContext() sharedContext: Context = {}) {
    await vendorOrderSync.recordVendorOrderInLine(sharedContext.manager as trackingOutbox.SqlRunner, purchaseOrderId, acknowledgementId, dueAt)
  }

  @InjectManager()
  async recordVendorOrderNote(purchaseOrderId: string, note: string, @MedusaContext() sharedContext: Context = {}) {
    await vendorOrderSync.recordVendorOrderNote(sharedContext.manager as trackingOutbox.SqlRunner, purchaseOrderId, note)
  }

  /** Every problem of a vendor shipment as packed; empty when it can be built and sent. */
  @InjectManager()
  async validateVendorShipment(accountId: string, input: ShipmentInput, @MedusaContext() sharedContext: Context = {}) {
    return await vendorShipments.validateVendorShipment(this, sharedContext.manager as trackingOutbox.SqlRunner, accountId, input)
  }

  /** For the shipment builder: per line of these POs, the eaches Amazon accepted and those other shipments already carry. */
  @InjectManager()
  async shippableVendorLines(accountId: string, purchaseOrderNumbers: string[], @MedusaContext() sharedContext: Context = {}) {
    // shipmentContext reads the POs a packed shipment names: one placeholder item per PO names them all.
    const naming: ShipmentInput = { pallets: [{ reference: "", items: purchaseOrderNumbers.map((number) => ({ purchase_order_number: number, item_sequence_number: "", quantity: 0 })) }] }
    const { context } = await vendorShipments.shipmentContext(this, sharedContext.manager as trackingOutbox.SqlRunner, accountId, naming)
    return { purchase_orders: context.purchase_orders, lines: context.lines }
  }

  /** Checks a vendor shipment, numbers its containers (SSCCs) and stores it with its ASN (400 sentences otherwise). */
  @InjectManager()
  async createVendorShipment(accountId: string, input: ShipmentInput, @MedusaContext() sharedContext: Context = {}) {
    return await vendorShipments.createVendorShipment(this, sharedContext.manager as trackingOutbox.SqlRunner, accountId, input)
  }

  /** Records the intent to send a built shipment (ready → pending) after checking it against what shipped since. */
  @InjectManager()
  async queueVendorShipment(shipmentId: string, @MedusaContext() sharedContext: Context = {}) {
    return await vendorShipments.queueVendorShipment(this, sharedContext.manager as trackingOutbox.SqlRunner, shipmentId)
  }

  @InjectManager()
  async unqueueVendorShipment(shipmentId: string, @MedusaContext() sharedContext: Context = {}) {
    await vendorShipments.unqueueVendorShipment(sharedContext.manager as trackingOutbox.SqlRunner, shipmentId)
  }

  /** Sends pending shipment confirmations (these, or all), each claimed by one sender: one SubmitShipmentConfirmations each. */
  @InjectManager()
  async sendPendingVendorShipments(ids?: string[], @MedusaContext() sharedContext: Context = {}) {
    return await vendorShipments.sendPendingVendorShipments(this, sharedContext.manager as trackingOutbox.SqlRunner, ids)
  }

  /** Reads Amazon's transaction result of shipment confirmations that are processing. */
  @InjectManager()
  async pollVendorShipmentResults(ids?: string[], @MedusaContext() sharedContext: Context = {}) {
    return await vendorShipments.pollVendorShipmentResults(this, sharedContext.manager as trackingOutbox.SqlRunner, ids)
  }

  /** Claims of dead shipment senders: back to pending when the call never began, "unknown" when it may have reached Amazon. */
  @InjectManager()
  async resolveStaleSendingVendorShipments(claimedBefore: Date, @MedusaContext() sharedContext: Context = {}) {
    return await vendorShipments.resolveStaleSendingShipments(sharedContext.manager as trackingOutbox.SqlRunner, claimedBefore)
  }

  /** What the merchant found in Vendor Central for a shipment whose arrival at Amazon is unknown. */
  @InjectManager()
  async resolveUnknownVendorShipment(shipmentId: string, amazonHasIt: boolean, @MedusaContext() sharedContext: Context = {}) {
    return await vendorShipments.resolveUnknownVendorShipment(sharedContext.manager as trackingOutbox.SqlRunner, shipmentId, amazonHasIt)
  }

  /** Records, per PO of every accepted shipment, the intent that its quantities become a fulfilment of the PO's order. */
  @InjectManager()
  async recordVendorShipmentFulfillmentIntents(@MedusaContext() sharedContext: Context = {}) {
    return await shipmentFulfillments.recordShipmentFulfillmentIntents(sharedContext.manager as trackingOutbox.SqlRunner)
  }

  @InjectManager()
  async claimVendorShipmentFulfillments(claimedBefore: Date, shipmentIds?: string[], @MedusaContext() sharedContext: Context = {}) {
    return await shipmentFulfillments.claimShipmentFulfillments(sharedContext.manager as trackingOutbox.SqlRunner, claimedBefore, shipmentIds)
  }

  @InjectManager()
  async finishVendorShipmentFulfillment(id: string, claimToken: string, fulfillmentId: string | null, message: string, @MedusaContext() sharedContext: Context = {}) {
    return await shipmentFulfillments.finishShipmentFulfillment(sharedContext.manager as trackingOutbox.SqlRunner, id, claimToken, fulfillmentId, message)
  }

  @InjectManager()
  async releaseVendorShipmentFulfillment(id: string, claimToken: string, message: string, @MedusaContext() sharedContext: Context = {}) {
    await shipmentFulfillments.releaseShipmentFulfillment(sharedContext.manager as trackingOutbox.SqlRunner, id, claimToken, message)
  }

  /** Moves due (or the given) waiting shipment confirmations to "sent" in one conditional update; each row goes to one caller. */
  @InjectManager()
  async claimTrackingPushes(
    input: trackingOutbox.ClaimTrackingPushesInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<trackingOutbox.ClaimedTrackingPush[]> {
    return trackingOutbox.claimTrackingPushes(sharedContext.manager as trackingOutbox.SqlRunner, input)
  }

  /** Records Amazon's answer to a claimed confirmation; false when the claim was released meanwhile. */
  @InjectManager()
  async recordTrackingPushOutcome(
    id: string,
    claimToken: string,
    outcome: trackingOutbox.TrackingPushOutcome,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return trackingOutbox.recordTrackingPushOutcome(sharedContext.manager as trackingOutbox.SqlRunner, id, claimToken, outcome)
  }

  /** Claims confirmed rows whose payment capture is owed; each row goes to one caller. */
  @InjectManager()
  async claimShipmentCaptures(input: trackingOutbox.ClaimShipmentCapturesInput, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return trackingOutbox.claimShipmentCaptures(sharedContext.manager as trackingOutbox.SqlRunner, input)
  }

  @InjectManager()
  async releaseShipmentCaptureClaims(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    return trackingOutbox.releaseShipmentCaptureClaims(sharedContext.manager as trackingOutbox.SqlRunner, ids)
  }

  /** Returns confirmations stuck in "sent" since before `claimedBefore` to waiting, to be checked with Amazon first. */
  @InjectManager()
  async releaseStaleClaims(claimedBefore: Date, ids?: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return trackingOutbox.releaseStaleClaims(sharedContext.manager as trackingOutbox.SqlRunner, claimedBefore, ids)
  }

  // ---- Settlements: import of Amazon's settlement reports and Finances transactions ----

  /** Lists and imports the account's new settlement reports, each in its own transaction. */
  async importSettlementReports(accountId: string): Promise<settlementImport.SettlementImportResult> {
    return settlementImport.importSettlementReports(this as unknown as settlementImport.SettlementStore, accountId)
  }

  /** Stores one settlement read from its file; any error of the file rolls all of it back. */
  @InjectTransactionManager()
  async storeSettlementReport(input: Parameters<typeof storeSettlement>[1], @MedusaContext() sharedContext: Context = {}) {
    return storeSettlement(sharedContext.transactionManager as trackingOutbox.SqlRunner, input)
  }

  @InjectManager()
  async recordSettlementReportOutcome(
    accountId: string,
    report: Parameters<typeof settlementImport.recordReportOutcome>[2],
    outcome: settlementImport.ReportOutcome,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await settlementImport.recordReportOutcome(sharedContext.manager as trackingOutbox.SqlRunner, accountId, report, outcome)
  }

  /** What Finances shows for the account's orders that no settlement paid yet, kept as provisional payouts. */
  @InjectManager()
  async importProvisionalPayouts(accountId: string, @MedusaContext() sharedContext: Context = {}) {
    const client = await this.clientForAccount(accountId)
    const { transactions, apiCalls } = await settlementImport.fetchRecentTransactions(client)
    const stored = await settlementImport.storeProvisionalPayouts(sharedContext.manager as trackingOutbox.SqlRunner, accountId, transactions)
    return { transactions: transactions.length, stored, apiCalls }
  }

  /** Refunds a settlement contains, per order and Amazon adjustment. */
  @InjectManager()
  async listSettlementRefunds(settlementRowId: string, amazonOrderId?: string, @MedusaContext() sharedContext: Context = {}) {
    return settlementRefunds(sharedContext.manager as trackingOutbox.SqlRunner, settlementRowId, amazonOrderId)
  }

  /** Records how settlement rows compare with their Medusa orders; changes nothing when the comparison is the same. */
  @InjectTransactionManager()
  async recordSettlementReconciliation(updates: ReconciliationUpdate[], @MedusaContext() sharedContext: Context = {}) {
    await recordReconciliation(sharedContext.transactionManager as trackingOutbox.SqlRunner, updates)
  }

  /** Commits the id each staging row's Medusa order will get (null: forget it), in one statement for a page. */
  @InjectTransactionManager()
  async recordIntendedOrderIds(rows: Array<{ id: string; intended_order_id: string | null }>, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!rows.length) return
    await (sharedContext.transactionManager as trackingOutbox.SqlRunner).execute(
      `UPDATE amazon_order o SET intended_order_id = v.intended_order_id, updated_at = now()
       FROM (VALUES ${rows.map(() => "(?, ?::text)").join(", ")}) AS v(id, intended_order_id) WHERE o.id = v.id`,
      rows.flatMap((row) => [row.id, row.intended_order_id])
    )
  }

  /** New staging rows of a page and their items, in two statements (see insertStagedOrders). */
  @InjectTransactionManager()
  async insertStagedAmazonOrders(orders: NewStagedOrder[], @MedusaContext() sharedContext: Context = {}) {
    return await insertStagedOrders(sharedContext.transactionManager as trackingOutbox.SqlRunner, orders)
  }

  /** Records on the staging rows that order.placed went out for their Medusa orders, in one statement. */
  @InjectTransactionManager()
  async recordOrderPlacedEmitted(stagingIds: string[], at: Date, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!stagingIds.length) return
    await (sharedContext.transactionManager as trackingOutbox.SqlRunner).execute(
      `UPDATE amazon_order SET order_placed_emitted_at = ?, updated_at = now() WHERE id IN (?)`,
      [at, stagingIds]
    )
  }

  /**
   * Staging rows become imported and their items point at the line items they became: two statements for a page,
   * where the generic update would load every row (snapshot and Amazon's raw answer included) to change two fields.
   */
  @InjectTransactionManager()
  async markAmazonOrdersImported(
    stagingIds: string[],
    itemLineItems: Array<{ id: string; line_item_id: string }>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const sql = sharedContext.transactionManager as trackingOutbox.SqlRunner
    if (stagingIds.length) {
      await sql.execute(`UPDATE amazon_order SET import_state = 'imported', attention_reason = NULL, updated_at = now() WHERE id IN (?) AND deleted_at IS NULL`, [stagingIds])
    }
    if (itemLineItems.length) {
      await sql.execute(
        `UPDATE amazon_order_item i SET line_item_id = v.line_item_id, updated_at = now()
         FROM (VALUES ${itemLineItems.map(() => "(?, ?)").join(", ")}) AS v(id, line_item_id) WHERE i.id = v.id`,
        itemLineItems.flatMap((item) => [item.id, item.line_item_id])
      )
    }
  }

  /** Marks unknown, in one statement, the open settlement rows whose Amazon order never became a Medusa order. */
  @InjectTransactionManager()
  async markSettlementRowsOfUnknownOrders(accountId: string, @MedusaContext() sharedContext: Context = {}) {
    return await markRowsOfUnknownOrders(sharedContext.transactionManager as trackingOutbox.SqlRunner, accountId)
  }

  /** A page of open settlement rows whose Amazon order is a Medusa order, after `afterId`. */
  @InjectManager()
  async listReconcilableSettlementRows(accountId: string, afterId: string | null, limit: number, @MedusaContext() sharedContext: Context = {}) {
    return await reconcilableRows(sharedContext.manager as trackingOutbox.SqlRunner, accountId, afterId, limit)
  }

  /** Each settlement's mismatch, unknown and unpaid counts and status, from its rows. */
  @InjectManager()
  async refreshSettlementStatus(settlementRowIds: string[], @MedusaContext() sharedContext: Context = {}) {
    await refreshSettlementCounts(sharedContext.manager as trackingOutbox.SqlRunner, settlementRowIds)
  }

  /** Closes, in one statement, matched settlement rows that refund nothing; returns nothing. */
  @InjectManager()
  async closeSettlementRowsWithoutRefunds(accountId: string, @MedusaContext() sharedContext: Context = {}) {
    await closeRowsWithoutRefunds(sharedContext.manager as trackingOutbox.SqlRunner, accountId)
  }

  /** A page of matched settlement rows with refunds not yet recorded on their Medusa order, after `afterId`. */
  @InjectManager()
  async listSettlementRowsWithRefundsToRecord(accountId: string, afterId: string | null, limit: number, @MedusaContext() sharedContext: Context = {}) {
    return await rowsWithRefundsToRecord(sharedContext.manager as trackingOutbox.SqlRunner, accountId, afterId, limit)
  }

  /**
   * Since when shipped orders could be due in one of the account's imported settlements (null: none imported yet),
   * so the caller reads only the orders that can matter.
   */
  @InjectManager()
  async unsettledOrderWindow(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<{ since: Date; currencies: string[] } | null> {
    const periods = await settlementPeriods(sharedContext.manager as trackingOutbox.SqlRunner, accountId)
    if (!periods.length) return null
    const earliest = Math.min(...periods.map((period) => new Date(period.start_date).getTime()))
    return { since: new Date(earliest - SETTLEMENT_POSTING_MARGIN_MS), currencies: [...new Set(periods.map((period) => period.currency_code.toUpperCase()))] }
  }

  /** Flags the shipped orders their settlement does not contain and clears the flag once a later one pays them. */
  @InjectTransactionManager()
  async recordUnsettledShippedOrders(accountId: string, shipped: ShippedOrder[], @MedusaContext() sharedContext: Context = {}) {
    return await recordUnsettledOrders(sharedContext.transactionManager as trackingOutbox.SqlRunner, accountId, shipped)
  }

  // ── Feed queue (XML order feeds: cancellations) ────────────────────────────────────────────────────────────

  get feedTimings(): FeedTimings {
    return feedTimings(this.options_.rateLimitTimeScale ?? 1, this.options_.feedIntervalSeconds)
  }

  /** One worker tick of the feed queue: batches due messages, sends, polls and records Amazon's verdicts. */
  async advanceFeeds(options: { submission_ids?: string[] } = {}) {
    return await advanceFeeds(this.feedWorkerStore(), options)
  }

  /** When the feed queue has work next (ms), or null: lets a process wake itself instead of waiting for the job. */
  @InjectManager()
  async nextFeedWorkInMs(@MedusaContext() sharedContext: Context = {}): Promise<number | null> {
    const { interval_ms, lease_ms } = this.feedTimings
    return feedQueue.nextFeedWorkInMs(sharedContext.manager as feedQueue.SqlRunnerLike, interval_ms, lease_ms)
  }

  @InjectManager()
  async claimAcceptedCancellations(input: { stale_ms: number; ids?: string[] }, @MedusaContext() sharedContext: Context = {}) {
    return feedQueue.claimAcceptedCancellations(sharedContext.manager as feedQueue.SqlRunnerLike, input)
  }

  @InjectManager()
  async claimRejectedRefunds(input: { stale_ms: number }, @MedusaContext() sharedContext: Context = {}) {
    return feedQueue.claimRejectedRefunds(sharedContext.manager as feedQueue.SqlRunnerLike, input)
  }

  @InjectManager()
  async recordCancellationApplied(id: string, error: string | null, @MedusaContext() sharedContext: Context = {}) {
    return feedQueue.recordCancellationApplied(sharedContext.manager as feedQueue.SqlRunnerLike, id, error)
  }

  @InjectManager()
  protected async listQueuedFeedKeys_(@MedusaContext() sharedContext: Context = {}) {
    return feedQueue.listQueuedFeedKeys(sharedContext.manager as feedQueue.SqlRunnerLike)
  }

  @InjectTransactionManager()
  protected async claimFeedBatch_(input: feedQueue.ClaimBatchInput, @MedusaContext() sharedContext: Context = {}) {
    return feedQueue.claimFeedBatch(sharedContext.transactionManager as feedQueue.SqlRunnerLike, input)
  }

  @InjectManager()
  protected async leaseFeedSubmissions_(input: { lease_ms: number; ids?: string[] }, @MedusaContext() sharedContext: Context = {}) {
    return feedQueue.leaseSubmissions(sharedContext.manager as feedQueue.SqlRunnerLike, input)
  }

  @InjectManager()
  protected async updateLeasedFeedSubmission_(id: string, token: string, fields: Record<string, unknown>, options: { release?: boolean }, @MedusaContext() sharedContext: Context = {}) {
    return feedQueue.updateLeasedSubmission(sharedContext.manager as feedQueue.SqlRunnerLike, id, token, fields, options)
  }

  @InjectTransactionManager()
  protected async recordFeedVerdicts_(id: string, token: string, fields: Record<string, unknown>, verdicts: feedQueue.MessageVerdict[], @MedusaContext() sharedContext: Context = {}) {
    const sql = sharedContext.transactionManager as feedQueue.SqlRunnerLike
    if (!(await feedQueue.updateLeasedSubmission(sql, id, token, fields, { release: true }))) return false
    await feedQueue.recordMessageVerdicts(sql, id, verdicts)
    return true
  }

  @InjectTransactionManager()
  protected async requeueFeedSubmission_(id: string, token: string, fields: Record<string, unknown>, @MedusaContext() sharedContext: Context = {}) {
    const sql = sharedContext.transactionManager as feedQueue.SqlRunnerLike
    if (!(await feedQueue.updateLeasedSubmission(sql, id, token, fields, { release: true }))) return false
    await feedQueue.requeueSubmissionMessages(sql, id)
    return true
  }

  @InjectManager()
  protected async knownAmazonFeedIds_(accountId: string, feedIds: string[], @MedusaContext() sharedContext: Context = {}) {
    return feedQueue.knownAmazonFeedIds(sharedContext.manager as feedQueue.SqlRunnerLike, accountId, feedIds)
  }

  /** Records buyers' cancellation requests found on staged orders (once each) and closes those of shipped or cancelled orders. */
  @InjectManager()
  async recordBuyerCancellationRequests(@MedusaContext() sharedContext: Context = {}): Promise<number> {
    return buyerRequests.recordBuyerCancellationRequests(sharedContext.manager as feedQueue.SqlRunnerLike)
  }

  /** open → accepted / declined; false when the request was answered already. */
  @InjectManager()
  async resolveBuyerCancellationRequest(id: string, status: "accepted" | "declined", feedMessageId: string | null, @MedusaContext() sharedContext: Context = {}) {
    return buyerRequests.resolveBuyerCancellationRequest(sharedContext.manager as feedQueue.SqlRunnerLike, id, status, feedMessageId)
  }

  private feedWorkerStore(): FeedWorkerStore {
    return {
      timings: this.feedTimings,
      listQueuedFeedKeys: () => this.listQueuedFeedKeys_(),
      feedAccount: async (accountId) => {
        const account = await this.retrieveAmazonAccount(accountId)
        return { seller_id: account.seller_id, marketplace_ids: account.marketplace_ids as string[], name: account.name }
      },
      claimFeedBatch: (input) => this.claimFeedBatch_(input),
      leaseFeedSubmissions: (input) => this.leaseFeedSubmissions_(input),
      updateLeasedFeedSubmission: (id, token, fields, options = {}) => this.updateLeasedFeedSubmission_(id, token, fields, options),
      recordFeedVerdicts: (id, token, fields, verdicts) => this.recordFeedVerdicts_(id, token, fields, verdicts),
      requeueFeedSubmission: (id, token, fields) => this.requeueFeedSubmission_(id, token, fields),
      knownAmazonFeedIds: (accountId, feedIds) => this.knownAmazonFeedIds_(accountId, feedIds),
      clientForAccount: (accountId) => this.clientForAccount(accountId),
    }
  }
}

export default AmazonModuleService
