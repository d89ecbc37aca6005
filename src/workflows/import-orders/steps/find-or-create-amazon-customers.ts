import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CustomerToFind } from "../mapping/medusa-order-input"

export type AmazonCustomerIds = Record<string, string>

export const findOrCreateAmazonCustomersStepId = "find-or-create-amazon-customers"

/**
 * Each buyer email is found as, or becomes, one Medusa customer, the way core-flows' findOrCreateCustomerStep
 * does for a checkout: an existing customer with that email is reused (a registered one first), otherwise one is
 * created. Guest mode creates it from the email alone (`has_account: false`, as guest checkout does); "create"
 * mode also keeps name, company, phone and the shipping address. Amazon's buyer emails are per-buyer relay
 * addresses, so matching on them is stable and a rerun finds the same customer. Returns customer id by
 * lower-cased email.
 */
export const findOrCreateAmazonCustomersStep = createStep(
  findOrCreateAmazonCustomersStepId,
  async (customers: CustomerToFind[], { container }) => {
    const byEmail = new Map<string, CustomerToFind>()
    for (const customer of customers) {
      const key = customer.email.toLowerCase()
      if (!byEmail.has(key)) byEmail.set(key, customer)
    }
    if (!byEmail.size) return new StepResponse({} as AmazonCustomerIds, [] as string[])

    const customerModule = container.resolve(Modules.CUSTOMER)
    const emails = [...byEmail.keys()]
    const existing = await customerModule.listCustomers(
      { email: [...new Set([...emails, ...customers.map((c) => c.email)])] },
      { select: ["id", "email", "has_account"], take: null }
    )
    const ids: AmazonCustomerIds = {}
    for (const customer of [...existing].sort((a, b) => Number(b.has_account) - Number(a.has_account))) {
      if (customer.email) ids[customer.email.toLowerCase()] ??= customer.id
    }
    const missing = emails.filter((email) => !ids[email]).map((email) => byEmail.get(email)!)
    const created = missing.length
      ? await customerModule.createCustomers(
          missing.map((customer) =>
            customer.guest
              ? // Guest checkout stores the email lower-cased (validateEmail); so do guests made here.
                { email: customer.email.toLowerCase() }
              : {
                  email: customer.email,
                  first_name: customer.name,
                  company_name: customer.company,
                  phone: customer.phone,
                  metadata: { amazon_buyer: true },
                  addresses: customer.address
                    ? [
                        {
                          first_name: customer.address.first_name,
                          last_name: customer.address.last_name,
                          company: customer.address.company,
                          address_1: customer.address.address_1,
                          address_2: customer.address.address_2,
                          city: customer.address.city,
                          province: customer.address.province,
                          postal_code: customer.address.postal_code,
                          country_code: customer.address.country_code,
                          phone: customer.address.phone,
                          is_default_shipping: true,
                        },
                      ]
                    : [],
                }
          )
        )
      : []
    for (const customer of created) ids[customer.email!.toLowerCase()] = customer.id
    return new StepResponse(ids, created.map((customer) => customer.id))
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) return
    await container.resolve(Modules.CUSTOMER).deleteCustomers(createdIds)
  }
)
