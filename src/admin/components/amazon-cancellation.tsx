import { Alert, Button, Drawer, Label, Switch, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../lib/api"
import { CANCEL_REASON_OPTIONS, cancelReasonLabel, useCancelAtAmazon, useOrderCancellations, type CancelReason, type FeedMessage } from "../lib/feeds-api"
import { formatDateTime } from "../lib/format"
import { AmazonReasonSelect } from "./amazon-reason-select"

/**
 * The order's cancellation at Amazon: the latest request's state (pending, refused with Amazon's reason, or
 * accepted but not yet followed in Medusa) and the "Cancel at Amazon" dialog while the order can be cancelled.
 */
export function AmazonCancellationSection({
  orderId,
  amazonOrderId,
  cancellable,
  zeroStockDefault,
}: {
  orderId: string
  amazonOrderId: string
  /** FBM, not shipped, not cancelled: otherwise the button is not offered (the server refuses anyway). */
  cancellable: boolean
  zeroStockDefault: boolean
}) {
  const { data: cancellations = [] } = useOrderCancellations(orderId)
  const latest: FeedMessage | undefined = cancellations[0]
  const pending = latest && (latest.status === "queued" || latest.status === "batched")
  const offerCancel = cancellable && !pending && latest?.status !== "accepted"
  // Nothing asked and nothing to offer (shipped, FBA): no empty band in the widget.
  if (!latest && !offerCancel) return null
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="amazon-cancellation">
      {pending && (
        <Alert variant="warning" data-testid="amazon-cancellation-pending">
          Cancellation pending at Amazon ({cancelReasonLabel(latest.cancel_reason)}, asked {formatDateTime(latest.created_at)}). Do not ship
          this order: no shipment is confirmed to Amazon until Amazon answers.
        </Alert>
      )}
      {latest?.status === "rejected" && (
        <Alert variant="error" data-testid="amazon-cancellation-rejected">
          Amazon did not cancel this order. {latest.error}
          {latest.origin === "medusa_cancel" ? " The order is cancelled in Medusa but not on Amazon: ship it, or cancel it in Seller Central." : ""}
        </Alert>
      )}
      {latest?.status === "accepted" && latest.medusa_apply_error && (
        <Alert variant="error" data-testid="amazon-cancellation-apply-error">
          {latest.medusa_apply_error}
        </Alert>
      )}
      {latest?.status === "accepted" && !latest.medusa_apply_error && (
        <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-cancellation-accepted">
          Amazon cancelled this order ({cancelReasonLabel(latest.cancel_reason)}){latest.zero_stock ? "; its items' stock was set to 0" : ""}.
        </Text>
      )}
      {offerCancel && (
        <CancelAtAmazonDrawer orderId={orderId} amazonOrderId={amazonOrderId} zeroStockDefault={zeroStockDefault} />
      )}
    </div>
  )
}

function CancelAtAmazonDrawer({ orderId, amazonOrderId, zeroStockDefault }: { orderId: string; amazonOrderId: string; zeroStockDefault: boolean }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<CancelReason | "">("")
  const [zeroStock, setZeroStock] = useState(zeroStockDefault)
  const cancel = useCancelAtAmazon(orderId)
  const submit = async () => {
    if (!reason) return
    try {
      await cancel.mutateAsync({ reason, zero_stock: reason === "NoInventory" && zeroStock })
      toast.success(`Amazon is asked to cancel order ${amazonOrderId}.`, { description: "The order is cancelled in Medusa once Amazon accepts." })
      setOpen(false)
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="danger" className="self-start">
          Cancel at Amazon
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Cancel order {amazonOrderId} at Amazon</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small">
            Amazon cancels the whole order and refunds the buyer. Nothing may ship once you ask. The Medusa order is cancelled (payment
            canceled, stock released) when Amazon accepts, usually within a few minutes.
          </Text>
          <AmazonReasonSelect id="amazon-cancel-reason" ariaLabel="Cancellation reason" value={reason} options={CANCEL_REASON_OPTIONS} onChange={setReason} />
          {reason === "NoInventory" && (
            <div className="flex items-start gap-x-3">
              <Switch id="amazon-cancel-zero-stock" className="mt-0.5 shrink-0" checked={zeroStock} onCheckedChange={setZeroStock} />
              <div>
                <Label htmlFor="amazon-cancel-zero-stock">Set the stock of this order's items to 0</Label>
                <Text size="small" className="text-ui-fg-subtle">
                  So the store stops selling what it does not have. Amazon does not put the units back into the listing for this reason.
                </Text>
              </div>
            </div>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Keep the order
            </Button>
          </Drawer.Close>
          <Button size="small" variant="danger" disabled={!reason} isLoading={cancel.isPending} onClick={submit}>
            Ask Amazon to cancel
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
