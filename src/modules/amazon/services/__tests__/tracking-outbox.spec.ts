import { findPackageOnAmazon } from "../tracking-outbox"

const push = {
  amazon_order_id: "111-1111111-1111111",
  tracking_number: "1Z999AA10123456784",
  package: {
    marketplaceId: "ATVPDKIKX0DER",
    packageDetail: {
      packageReferenceId: "1",
      carrierCode: "UPS",
      trackingNumber: "1Z999AA10123456784",
      shipDate: "2026-12-01T10:00:00Z",
      orderItems: [
        { orderItemId: "A", quantity: 1 },
        { orderItemId: "B", quantity: 2 },
      ],
    },
  },
}

function clientWithPackages(packages: unknown) {
  const calls: Array<{ orderId: string; includedData?: string[] }> = []
  const client = {
    getOrder2026: async (orderId: string, includedData?: string[]) => {
      calls.push({ orderId, includedData })
      return { orderId, packages } as any
    },
  }
  return { client: client as any, calls }
}

describe("findPackageOnAmazon", () => {
  it("finds our package by tracking number and items, in any order, asking Amazon for PACKAGES only", async () => {
    const { client, calls } = clientWithPackages([
      { packageReferenceId: "7", trackingNumber: "OTHER", packageItems: [{ orderItemId: "A", quantity: 1 }] },
      { packageReferenceId: "3", trackingNumber: "1Z999AA10123456784", packageStatus: { status: "SHIPPED" }, packageItems: [{ orderItemId: "B", quantity: 2 }, { orderItemId: "A", quantity: 1 }] },
    ])
    expect(await findPackageOnAmazon(client, push)).toEqual({ found: true, packageReferenceId: "3" })
    expect(calls).toEqual([{ orderId: "111-1111111-1111111", includedData: ["PACKAGES"] }])
  })

  it("does not count a package with other quantities, another tracking number, or one Amazon cancelled", async () => {
    for (const packages of [
      [{ packageReferenceId: "1", trackingNumber: "1Z999AA10123456784", packageItems: [{ orderItemId: "A", quantity: 1 }, { orderItemId: "B", quantity: 1 }] }],
      [{ packageReferenceId: "1", trackingNumber: "1Z999AA10000000000", packageItems: [{ orderItemId: "A", quantity: 1 }, { orderItemId: "B", quantity: 2 }] }],
      [{ packageReferenceId: "1", trackingNumber: "1Z999AA10123456784", packageStatus: { status: "CANCELLED" }, packageItems: [{ orderItemId: "A", quantity: 1 }, { orderItemId: "B", quantity: 2 }] }],
      undefined,
    ]) {
      expect(await findPackageOnAmazon(clientWithPackages(packages).client, push)).toEqual({ found: false, packageReferenceId: null })
    }
  })

  it("refuses packages that do not have Amazon's shape instead of guessing", async () => {
    await expect(findPackageOnAmazon(clientWithPackages([{ trackingNumber: "x" }]).client, push)).rejects.toThrow(/unexpected shape/)
  })
})
