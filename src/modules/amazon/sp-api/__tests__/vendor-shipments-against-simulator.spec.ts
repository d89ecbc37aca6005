/**
 * The ASN through the real client against the simulator: a confirmation built by the shipment builder is taken
 * (Success), a reused shipment identifier or SSCC and a quantity above what was accepted fail with Amazon's errors,
 * a shape Amazon's model refuses never leaves the client, and every exchange matches Amazon's models.
 */
import { DEFAULT_SELLER, DEFAULT_VENDOR_CODE, startSimulator, type Simulator } from "../../../../../simulator"
import { expectConformantExchanges, modelsDir } from "../../../../../test-utils/conformance"
import { assignSsccs, buildShipmentConfirmation, type ShipmentInput } from "../../vendor/shipments/build-shipment"
import { buildSscc } from "../../vendor/shipments/sscc"
import { createSpApiClient, type SpApiClient } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { RateLimiter } from "../rate-limiter"

describe("vendor shipment confirmations through the client against the simulator", () => {
  let simulator: Simulator
  let client: SpApiClient
  let serial = 0

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: 1000 })
    client = createSpApiClient(
      { region: "na", clientId: DEFAULT_SELLER.clientId, clientSecret: DEFAULT_SELLER.clientSecret, refreshToken: DEFAULT_SELLER.refreshToken, endpoint: simulator.url, tokenEndpoint: `${simulator.url}/auth/o2/token`, accountKey: "simulator-vendor-asn" },
      { timeScale: 1000, maxRetries: 1, rateLimiter: new RateLimiter({ timeScale: 1000 }) }
    )
  })
  afterAll(async () => {
    closeIdleSpApiConnections()
    await simulator.close()
  })
  beforeEach(async () => {
    simulator.reset()
    simulator.vendor.processingMs = 0
    simulator.vendor.seedPurchaseOrders([{ purchaseOrderNumber: "PO000001", items: [{ asin: "B000000001", vendorProductId: "SKU-1", quantity: 10, netCost: "2.00" }] }])
    await client.submitAcknowledgement([
      {
        purchaseOrderNumber: "PO000001",
        sellingParty: { partyId: DEFAULT_VENDOR_CODE },
        acknowledgementDate: simulator.now().toISOString(),
        items: [{ itemSequenceNumber: "1", amazonProductIdentifier: "B000000001", orderedQuantity: { amount: 10, unitOfMeasure: "Eaches" }, netCost: { currencyCode: "USD", amount: "2.00" }, itemAcknowledgements: [{ acknowledgementCode: "Accepted", acknowledgedQuantity: { amount: 8, unitOfMeasure: "Eaches" } }, { acknowledgementCode: "Rejected", acknowledgedQuantity: { amount: 2, unitOfMeasure: "Eaches" }, rejectionReason: "TemporarilyUnavailable" }] }],
      } as any,
    ])
  })
  afterEach(() => {
    if (modelsDir()) expectConformantExchanges(simulator.requests())
  })

  function confirmation(identifier: string, quantities: number[], ssccFor: () => string = () => buildSscc("0614141", ++serial)) {
    const input: ShipmentInput = {
      pallets: [{ reference: "P1", weight: { value: 100, unit: "Kg" }, cartons: quantities.map((_, index) => `C${index + 1}`) }],
      cartons: quantities.map((quantity, index) => ({ reference: `C${index + 1}`, items: [{ purchase_order_number: "PO000001", item_sequence_number: "1", quantity }] })),
    }
    return buildShipmentConfirmation({
      shipment_identifier: identifier,
      selling_party_id: DEFAULT_VENDOR_CODE,
      ship_from_party_id: "WH01",
      ship_to_party_id: "ABE2",
      shipment_type: "LessThanTruckLoad",
      carrier_scac: "ABFS",
      bill_of_lading_number: "BOL1",
      shipped_at: simulator.now(),
      estimated_delivery_at: null,
      gross_weight: { value: 100, unit: "Kg" },
      contents: assignSsccs(input, ssccFor),
      lines: [{ purchase_order_number: "PO000001", item_sequence_number: "1", asin: "B000000001", vendor_product_id: "SKU-1", accepted_eaches: 8, shipped_eaches: 0 }],
      now: simulator.now(),
    })
  }

  it("takes a sound ASN, then refuses the same identifier and what exceeds the accepted quantity", async () => {
    const first = await client.submitShipmentConfirmations([confirmation("ASN1", [5, 3])])
    expect((await client.getVendorTransaction(first.transactionId)).status).toBe("Success")
    const received = simulator.vendor.receivedShipmentConfirmations()
    expect(received).toHaveLength(1)
    expect(received[0].body.shipmentConfirmations[0].pallets[0].cartonReferenceDetails.cartonReferenceNumbers).toEqual(["001", "002"])
    // Acknowledgements and ASNs are told apart.
    expect(simulator.vendor.receivedAcknowledgements()).toHaveLength(1)

    const again = await client.submitShipmentConfirmations([confirmation("ASN1", [1])])
    const failed = await client.getVendorTransaction(again.transactionId)
    expect(failed.status).toBe("Failure")
    expect(failed.errors?.map((error) => error.message)).toEqual([expect.stringMatching(/ASN1 was used in the last 365 days/), expect.stringMatching(/1 shipped, but only 0 accepted and not yet shipped/)])
  })

  it("fails an SSCC with a wrong check digit or used twice", async () => {
    const bad = "00504787440638918555"
    const sent = await client.submitShipmentConfirmations([confirmation("ASN2", [1, 1], () => bad)])
    const result = await client.getVendorTransaction(sent.transactionId)
    expect(result.status).toBe("Failure")
    expect(result.errors?.map((error) => error.message)).toContain(`Carton 001: ${bad} is not a valid SSCC ("00" followed by 18 digits with a correct check digit).`)
    const same = buildSscc("0614141", 999)
    const twice = await client.getVendorTransaction((await client.submitShipmentConfirmations([confirmation("ASN3", [1, 1], () => same)])).transactionId)
    expect(twice.errors?.map((error) => error.message)).toEqual(expect.arrayContaining([`Carton 002: SSCC ${same} was already used.`]))
  })

  it("never sends a confirmation Amazon's model refuses", async () => {
    const broken = { ...confirmation("ASN4", [1]), shipmentStructure: "Pile" } as any
    await expect(client.submitShipmentConfirmations([broken])).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    expect(simulator.vendor.receivedShipmentConfirmations()).toHaveLength(0)
  })
})
