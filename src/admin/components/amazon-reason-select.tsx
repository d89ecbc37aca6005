import { Label, Select } from "@medusajs/ui"

/** "Reason Amazon is given": one of Amazon's reason codes, shown in plain words (cancel and refund dialogs). */
export function AmazonReasonSelect<T extends string>({
  id,
  ariaLabel,
  value,
  options,
  onChange,
}: {
  id: string
  ariaLabel: string
  value: T | undefined
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
}) {
  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={id}>Reason Amazon is given</Label>
      <Select value={value} onValueChange={(next) => onChange(next as T)}>
        <Select.Trigger id={id} aria-label={ariaLabel}>
          <Select.Value placeholder="Choose a reason" />
        </Select.Trigger>
        <Select.Content>
          {options.map((option) => (
            <Select.Item key={option.value} value={option.value}>
              {option.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}
