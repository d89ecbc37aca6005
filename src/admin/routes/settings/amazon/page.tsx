import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Plus } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { AccountFormDrawer } from "../../../components/account-form-drawer"
import { AccountSection } from "../../../components/account-section"
import { errorMessage, useAmazonAccounts } from "../../../lib/api"
import { sdk } from "../../../lib/sdk"

type AmazonPluginStatus = {
  encryption_key_configured: boolean
  encryption_key_message: string | null
  allowed_endpoint_hosts: string[]
  payment_provider_installed: boolean
  payment_provider_message: string | null
  payment_provider_snippet: string
}

function useAmazonPluginStatus() {
  return useQuery({
    queryKey: ["amazon", "status"],
    queryFn: () => sdk.client.fetch<{ status: AmazonPluginStatus }>("/admin/amazon/status"),
  })
}

/** Settings → Amazon: connect Amazon selling accounts, check their connection and watch their syncs. */
const AmazonSettingsPage = () => {
  const { data, isLoading, error } = useAmazonAccounts()
  const { data: statusData } = useAmazonPluginStatus()
  const [adding, setAdding] = useState(false)
  const accounts = data?.accounts ?? []

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">Amazon</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Connect your Amazon Seller Central accounts. Orders placed on Amazon are imported into Medusa, and your shipments are
            confirmed back to Amazon.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setAdding(true)}>
          <Plus />
          Add account
        </Button>
      </Container>

      {statusData && !statusData.status.encryption_key_configured && (
        <Alert variant="warning" data-testid="amazon-encryption-key-missing">
          {statusData.status.encryption_key_message}
        </Alert>
      )}

      {statusData && !statusData.status.payment_provider_installed && (
        <Alert variant="warning" data-testid="amazon-payment-provider-missing">
          <div className="flex flex-col gap-y-2">
            <span>{statusData.status.payment_provider_message}</span>
            <pre className="txt-compact-xsmall whitespace-pre-wrap font-mono">{statusData.status.payment_provider_snippet}</pre>
          </div>
        </Alert>
      )}

      {isLoading && (
        <Container>
          <Text size="small" className="text-ui-fg-subtle">
            Loading Amazon accounts…
          </Text>
        </Container>
      )}
      {error && (
        <Alert variant="error">The Amazon accounts could not be loaded: {errorMessage(error)}</Alert>
      )}
      {!isLoading && !error && accounts.length === 0 && (
        <Container className="flex flex-col items-center gap-y-3 py-10 text-center">
          <Heading level="h2">No Amazon account connected yet</Heading>
          <Text size="small" className="text-ui-fg-subtle max-w-[480px]">
            You need the LWA client ID and secret of your SP-API app and the refresh token you received when you authorised it.
          </Text>
          <Button size="small" onClick={() => setAdding(true)}>
            Add an Amazon account
          </Button>
        </Container>
      )}

      {accounts.map((account) => (
        <AccountSection key={account.id} account={account} />
      ))}

      <AccountFormDrawer open={adding} onOpenChange={setAdding} />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Amazon",
})

export default AmazonSettingsPage
