import { Alert, Container, Heading, Select, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage } from "../lib/api"

/**
 * The frame the settlements list and a settlement's page share: heading, explanation and actions on top, then the
 * table, or the sentence saying why it could not be loaded (under the heading, so the way back stays on screen).
 */
export function SettlementPageFrame({
  testId,
  back,
  title,
  description,
  actions,
  error,
  what,
  children,
}: {
  testId: string
  back?: ReactNode
  title: ReactNode
  description?: ReactNode
  actions?: ReactNode
  error?: unknown
  /** "The settlements", "The settlement": the subject of the error sentence. */
  what: string
  children: ReactNode
}) {
  return (
    <Container className="divide-y p-0" data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex min-w-0 max-w-3xl flex-col gap-y-1">
          {back}
          <Heading level="h1">{title}</Heading>
          {description && (
            <Text size="small" className="text-ui-fg-subtle">
              {description}
            </Text>
          )}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {error ? (
        <div className="px-6 py-4">
          <Alert variant="error">
            {what} could not be loaded: {errorMessage(error)}
          </Alert>
        </div>
      ) : (
        children
      )}
    </Container>
  )
}

/** A "Prefix: All / Prefix: <option>" filter, as both settlement pages offer. */
export function SettlementFilter<T extends string>({
  label,
  prefix,
  value,
  options,
  onChange,
}: {
  label: string
  prefix: string
  value: T | "all"
  options: Record<T, { label: string }>
  onChange: (value: T | "all") => void
}) {
  return (
    <div className="w-[220px]">
      <Select size="small" value={value} onValueChange={(next) => onChange(next as T | "all")}>
        <Select.Trigger aria-label={label}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value="all">{`${prefix}: All`}</Select.Item>
          {(Object.entries(options) as Array<[T, { label: string }]>).map(([option, { label: text }]) => (
            <Select.Item key={option} value={option}>{`${prefix}: ${text}`}</Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}
