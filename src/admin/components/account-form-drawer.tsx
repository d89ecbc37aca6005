import { CANCEL_REASON_OPTIONS } from "../lib/feeds-api"
import { Alert, Badge, Button, Drawer, Heading, Hint, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { useEffect, useId, useRef, useState, type ReactNode } from "react"
import {
  errorMessage,
  useSaveAmazonAccount,
  type AmazonAccount,
  type AmazonAccountInput,
  type AmazonRegion,
  type CustomerMode,
  type OrdersApiVersion,
} from "../lib/api"
import { AMAZON_MARKETPLACES, REGION_LABELS } from "../lib/marketplaces"

type FormValues = {
  name: string
  kind: "seller" | "vendor"
  vendor_codes: string
  vendor_ship_from_party_id: string
  gs1_company_prefix: string
  region: AmazonRegion
  marketplace_ids: string
  seller_id: string
  lwa_client_id: string
  lwa_client_secret: string
  refresh_token: string
  api_endpoint: string
  token_endpoint: string
  orders_api_version: OrdersApiVersion
  customer_mode: CustomerMode
  import_interval_minutes: string
  import_orders: boolean
  import_fba: boolean
  push_tracking: boolean
  import_settlements: boolean
  vendor_enabled: boolean
  zero_stock_on_no_inventory_cancel: boolean
  medusa_cancel_reason: string
}

type SwitchField =
  | "import_orders"
  | "import_fba"
  | "push_tracking"
  | "import_settlements"
  | "vendor_enabled"
  | "zero_stock_on_no_inventory_cancel"

const SWITCHES: Array<{ field: SwitchField; label: string; hint: string }> = [
  {
    field: "import_orders",
    label: "Import orders",
    hint: "New Amazon orders become Medusa orders every few minutes.",
  },
  {
    field: "import_fba",
    label: "Import FBA orders",
    hint: "Orders that Amazon ships from its own warehouses are imported too, so your sales reports stay complete.",
  },
  {
    field: "push_tracking",
    label: "Send tracking to Amazon",
    hint: "When you ship an Amazon order in Medusa, the carrier and tracking number are confirmed to Amazon.",
  },
  {
    field: "import_settlements",
    label: "Import settlement reports",
    hint: "Amazon's payouts and fees are imported so you can reconcile them.",
  },
  {
    field: "vendor_enabled",
    label: "Vendor Central",
    hint: "This account sells to Amazon as a vendor: purchase orders are imported as well.",
  },
  {
    field: "zero_stock_on_no_inventory_cancel",
    label: "Set stock to zero when cancelling for lack of stock",
    hint: "When you cancel an Amazon order because an item is out of stock, the item's stock in Medusa is set to zero once Amazon accepts, so it is not sold again. The cancel dialog starts with this choice.",
  },
]

function initialValues(account?: AmazonAccount): FormValues {
  return {
    name: account?.name ?? "",
    kind: account?.kind ?? "seller",
    vendor_codes: account?.vendor_codes?.join(", ") ?? "",
    vendor_ship_from_party_id: account?.vendor_ship_from_party_id ?? "",
    gs1_company_prefix: account?.gs1_company_prefix ?? "",
    region: account?.region ?? "na",
    marketplace_ids: account?.marketplace_ids.join(", ") ?? "",
    seller_id: account?.seller_id ?? "",
    lwa_client_id: account?.lwa_client_id ?? "",
    lwa_client_secret: "",
    refresh_token: "",
    api_endpoint: account?.api_endpoint ?? "",
    token_endpoint: account?.token_endpoint ?? "",
    orders_api_version: account?.orders_api_version ?? "2026-01-01",
    customer_mode: account?.customer_mode ?? "guest",
    import_interval_minutes: String(account?.import_interval_minutes ?? 5),
    import_orders: account?.import_orders ?? true,
    import_fba: account?.import_fba ?? true,
    push_tracking: account?.push_tracking ?? true,
    import_settlements: account?.import_settlements ?? false,
    vendor_enabled: account?.vendor_enabled ?? false,
    zero_stock_on_no_inventory_cancel: account?.zero_stock_on_no_inventory_cancel ?? false,
    medusa_cancel_reason: account?.medusa_cancel_reason ?? "GeneralAdjustment",
  }
}

export function parseMarketplaceIds(text: string): string[] {
  return Array.from(new Set(text.split(/[\s,;]+/).map((id) => id.trim().toUpperCase()).filter(Boolean)))
}

function toInput(values: FormValues, editing: boolean): Partial<AmazonAccountInput> {
  const vendor = values.kind === "vendor"
  const input: Partial<AmazonAccountInput> = {
    name: values.name.trim(),
    ...(editing ? {} : { kind: values.kind }),
    ...(vendor
      ? {
          vendor_codes: parseMarketplaceIds(values.vendor_codes),
          vendor_ship_from_party_id: values.vendor_ship_from_party_id.trim() || null,
          gs1_company_prefix: values.gs1_company_prefix.trim() || null,
        }
      : {}),
    region: values.region,
    marketplace_ids: vendor ? [] : parseMarketplaceIds(values.marketplace_ids),
    seller_id: values.seller_id.trim() || null,
    lwa_client_id: values.lwa_client_id.trim(),
    api_endpoint: values.api_endpoint.trim() || null,
    token_endpoint: values.token_endpoint.trim() || null,
    orders_api_version: values.orders_api_version,
    customer_mode: values.customer_mode,
    import_interval_minutes: Number(values.import_interval_minutes),
    import_orders: values.import_orders,
    import_fba: values.import_fba,
    push_tracking: values.push_tracking,
    import_settlements: values.import_settlements,
    vendor_enabled: values.vendor_enabled,
    zero_stock_on_no_inventory_cancel: values.zero_stock_on_no_inventory_cancel,
    medusa_cancel_reason: values.medusa_cancel_reason,
  }
  // Secrets are write-only: on edit, a blank field means "keep the saved one", so it is not sent at all.
  if (!editing || values.lwa_client_secret) input.lwa_client_secret = values.lwa_client_secret
  if (!editing || values.refresh_token) input.refresh_token = values.refresh_token
  return input
}

/** The merchant-side checks worth doing before a round trip; everything else is the API's job. */
function problemsBeforeSaving(values: FormValues): string | null {
  const minutes = Number(values.import_interval_minutes)
  if (!Number.isInteger(minutes) || minutes < 2 || minutes > 1440) {
    return "The import interval must be a whole number of minutes between 2 and 1440."
  }
  return null
}

export function AccountFormDrawer({
  open,
  onOpenChange,
  account,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The account to edit; absent to add a new one. */
  account?: AmazonAccount
}) {
  const editing = Boolean(account)
  const [values, setValues] = useState<FormValues>(() => initialValues(account))
  const [saveError, setSaveError] = useState<string | null>(null)
  const save = useSaveAmazonAccount()
  const errorRef = useRef<HTMLDivElement>(null)

  // The Save button is at the bottom of a long form and the message at the top: bring it into view.
  useEffect(() => {
    if (saveError) errorRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" })
  }, [saveError])

  // Start from the saved values every time the drawer opens, never from an abandoned edit.
  useEffect(() => {
    if (open) {
      setValues(initialValues(account))
      setSaveError(null)
    }
  }, [open, account])

  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) =>
    setValues((previous) => ({ ...previous, [field]: value }))

  const selectedMarketplaceIds = parseMarketplaceIds(values.marketplace_ids)
  const toggleMarketplace = (marketplaceId: string) => {
    const next = selectedMarketplaceIds.includes(marketplaceId)
      ? selectedMarketplaceIds.filter((id) => id !== marketplaceId)
      : [...selectedMarketplaceIds, marketplaceId]
    set("marketplace_ids", next.join(", "))
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const problem = problemsBeforeSaving(values)
    if (problem) {
      setSaveError(problem)
      return
    }
    setSaveError(null)
    try {
      const { account: saved } = await save.mutateAsync({ id: account?.id, input: toInput(values, editing) })
      toast.success(editing ? `The account “${saved.name}” was saved.` : `The account “${saved.name}” was added. Test the connection next.`)
      onOpenChange(false)
    } catch (error) {
      setSaveError(errorMessage(error))
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content aria-describedby={undefined} className="max-w-[640px]">
        <form onSubmit={submit} className="flex h-full flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{editing ? `Edit ${account!.name}` : "Add an Amazon account"}</Heading>
            </Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
            {saveError && (
              <div ref={errorRef}>
                <Alert variant="error" dismissible={false} data-testid="amazon-account-form-error">
                  {saveError}
                </Alert>
              </div>
            )}

            <Section title="Account">
              <Field label="Name" hint="How this account is called in Medusa, e.g. “Amazon US”.">
                {(id) => <Input id={id} value={values.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" />}
              </Field>
              <Field label="Kind" hint={editing ? "An account stays what it was created as." : "Seller Central: you sell to shoppers. Vendor Central: Amazon buys from you with purchase orders."}>
                {(id) => (
                  <Select value={values.kind} onValueChange={(value) => set("kind", value as FormValues["kind"])} disabled={editing}>
                    <Select.Trigger id={id}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value="seller">Seller Central (orders)</Select.Item>
                      <Select.Item value="vendor">Vendor Central (purchase orders)</Select.Item>
                    </Select.Content>
                  </Select>
                )}
              </Field>
              {values.kind === "vendor" && (
                <>
                  <Field label="Vendor codes" hint="The vendor codes (selling party ids) Amazon orders from, separated by commas, e.g. ABCDE. The first one answers purchase orders.">
                    {(id) => <Input id={id} value={values.vendor_codes} onChange={(e) => set("vendor_codes", e.target.value)} autoComplete="off" />}
                  </Field>
                  <Field label="Ship-from warehouse" optional hint="Amazon's id of the warehouse you ship from, as in Vendor Central.">
                    {(id) => <Input id={id} value={values.vendor_ship_from_party_id} onChange={(e) => set("vendor_ship_from_party_id", e.target.value)} autoComplete="off" />}
                  </Field>
                  <Field label="GS1 company prefix" optional hint="6 to 12 digits from your GS1 certificate; carton and pallet labels (SSCCs) are built from it.">
                    {(id) => <Input id={id} value={values.gs1_company_prefix} onChange={(e) => set("gs1_company_prefix", e.target.value)} inputMode="numeric" autoComplete="off" />}
                  </Field>
                </>
              )}
              <Field label="Region" hint="The Selling Partner API region your marketplaces belong to.">
                {(id) => (
                  <Select value={values.region} onValueChange={(value) => set("region", value as AmazonRegion)}>
                    <Select.Trigger id={id}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      {(Object.keys(REGION_LABELS) as AmazonRegion[]).map((region) => (
                        <Select.Item key={region} value={region}>
                          {REGION_LABELS[region]}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                )}
              </Field>
              {values.kind !== "vendor" && (
                <>
              <Field label="Marketplace IDs" hint="Separate several with commas, or pick them below.">
                {(id) => (
                  <div className="flex flex-col gap-y-2">
                    <Input
                      id={id}
                      value={values.marketplace_ids}
                      onChange={(e) => set("marketplace_ids", e.target.value)}
                      placeholder="ATVPDKIKX0DER"
                      autoComplete="off"
                    />
                    <div className="flex flex-wrap gap-1">
                      {AMAZON_MARKETPLACES.filter((marketplace) => marketplace.region === values.region).map((marketplace) => {
                        const selected = selectedMarketplaceIds.includes(marketplace.id)
                        return (
                          <button
                            key={marketplace.id}
                            type="button"
                            onClick={() => toggleMarketplace(marketplace.id)}
                            aria-pressed={selected}
                            title={marketplace.id}
                          >
                            <Badge size="2xsmall" color={selected ? "blue" : "grey"}>
                              {selected ? "✓ " : ""}
                              {marketplace.name}
                            </Badge>
                          </button>
                        )
                      })}
                    </div>
                  </div>
                )}
              </Field>
              <Field label="Seller ID" optional hint="Your merchant token, shown in Seller Central under Settings → Account Info.">
                {(id) => <Input id={id} value={values.seller_id} onChange={(e) => set("seller_id", e.target.value)} autoComplete="off" />}
              </Field>
                </>
              )}
            </Section>

            <Section
              title="Credentials"
              description="From your SP-API app in Seller Central (Apps and Services → Develop Apps). The secret and the refresh token are stored encrypted and are never shown again."
            >
              <Field label="LWA client ID">
                {(id) => (
                  <Input
                    id={id}
                    value={values.lwa_client_id}
                    onChange={(e) => set("lwa_client_id", e.target.value)}
                    placeholder="amzn1.application-oa2-client.…"
                    autoComplete="off"
                  />
                )}
              </Field>
              <Field
                label="LWA client secret"
                hint={editing && account?.has_lwa_client_secret ? "A secret is saved. Leave this blank to keep it." : undefined}
              >
                {(id) => (
                  <Input
                    id={id}
                    type="password"
                    value={values.lwa_client_secret}
                    onChange={(e) => set("lwa_client_secret", e.target.value)}
                    placeholder={editing && account?.has_lwa_client_secret ? "•••••••• (saved)" : undefined}
                    autoComplete="new-password"
                  />
                )}
              </Field>
              <Field
                label="Refresh token"
                hint={editing && account?.has_refresh_token ? "A refresh token is saved. Leave this blank to keep it." : "Starts with Atzr|. You get it when you authorise the app."}
              >
                {(id) => (
                  <Input
                    id={id}
                    type="password"
                    value={values.refresh_token}
                    onChange={(e) => set("refresh_token", e.target.value)}
                    placeholder={editing && account?.has_refresh_token ? "•••••••• (saved)" : undefined}
                    autoComplete="new-password"
                  />
                )}
              </Field>
            </Section>

            <Section title="Orders">
              <Field label="Orders API version" hint="2026-01-01 is Amazon's current Orders API; choose v0 only if your app is not approved for it yet.">
                {(id) => (
                  <Select value={values.orders_api_version} onValueChange={(value) => set("orders_api_version", value as OrdersApiVersion)}>
                    <Select.Trigger id={id}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value="2026-01-01">2026-01-01 (current)</Select.Item>
                      <Select.Item value="v0">v0 (legacy)</Select.Item>
                    </Select.Content>
                  </Select>
                )}
              </Field>
              <Field label="Customers" hint="Whether Amazon buyers become guest orders or customer accounts in Medusa.">
                {(id) => (
                  <Select value={values.customer_mode} onValueChange={(value) => set("customer_mode", value as CustomerMode)}>
                    <Select.Trigger id={id}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value="guest">Import as guest orders</Select.Item>
                      <Select.Item value="create">Create a customer per buyer</Select.Item>
                    </Select.Content>
                  </Select>
                )}
              </Field>
              <Field
                label="Reason Amazon is given when you cancel in Medusa"
                hint="Cancelling an Amazon order with Medusa's own Cancel button tells Amazon too, with this reason."
              >
                {(id) => (
                  <Select value={values.medusa_cancel_reason} onValueChange={(value) => set("medusa_cancel_reason", value)}>
                    <Select.Trigger id={id}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      {CANCEL_REASON_OPTIONS.map((option) => (
                        <Select.Item key={option.value} value={option.value}>
                          {option.label}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                )}
              </Field>
              <Field label="Import interval (minutes)" hint="How often new and changed Amazon orders are fetched (2 to 1440).">
                {(id) => (
                  <Input
                    id={id}
                    type="number"
                    min={2}
                    max={1440}
                    value={values.import_interval_minutes}
                    onChange={(e) => set("import_interval_minutes", e.target.value)}
                  />
                )}
              </Field>
              <div className="flex flex-col gap-y-4 pt-2">
                {SWITCHES.map(({ field, label, hint }) => (
                  <SwitchField key={field} label={label} hint={hint} checked={values[field]} onChange={(checked) => set(field, checked)} />
                ))}
              </div>
            </Section>

            <Section
              title="Endpoints"
              description="Leave both blank to use Amazon's endpoints for the region. Other hosts must be allowed in the store's configuration (plugin option allowedEndpointHosts). Changing an endpoint clears the saved client secret and refresh token: enter them again."
            >
              <Field label="API endpoint" optional>
                {(id) => (
                  <Input
                    id={id}
                    value={values.api_endpoint}
                    onChange={(e) => set("api_endpoint", e.target.value)}
                    placeholder="https://sellingpartnerapi-na.amazon.com"
                    autoComplete="off"
                  />
                )}
              </Field>
              <Field label="Token endpoint" optional>
                {(id) => (
                  <Input
                    id={id}
                    value={values.token_endpoint}
                    onChange={(e) => set("token_endpoint", e.target.value)}
                    placeholder="https://api.amazon.com/auth/o2/token"
                    autoComplete="off"
                  />
                )}
              </Field>
            </Section>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending}>
              {editing ? "Save" : "Add account"}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-y-4">
      <div>
        <Heading level="h3">{title}</Heading>
        {description && (
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        )}
      </div>
      {children}
    </fieldset>
  )
}

/** A label bound to its control (so screen readers and tests find fields by label) with an optional hint. */
function Field({
  label,
  hint,
  optional,
  children,
}: {
  label: string
  hint?: string
  optional?: boolean
  children: (id: string) => ReactNode
}) {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
        {optional && <span className="text-ui-fg-muted font-normal"> (optional)</span>}
      </Label>
      {children(id)}
      {hint && <Hint>{hint}</Hint>}
    </div>
  )
}

function SwitchField({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string
  hint: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  const id = useId()
  return (
    <div className="flex items-start gap-x-3">
      <Switch id={id} checked={checked} onCheckedChange={onChange} className="mt-0.5 shrink-0" />
      <div className="flex flex-col">
        <Label htmlFor={id} size="small" weight="plus">
          {label}
        </Label>
        <Hint>{hint}</Hint>
      </div>
    </div>
  )
}
