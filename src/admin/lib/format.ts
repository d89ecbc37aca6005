// Display helpers shared by the Amazon pages and the order widget.

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "–"
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return "–"
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
}

/** A day without its time, e.g. a settlement's period or deposit date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "–"
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return "–"
  return date.toLocaleDateString(undefined, { dateStyle: "medium" })
}

/** For dense tables: the year only when it is not this year. The full date is in the cell's title. */
export function formatShortDateTime(iso: string | null | undefined): string {
  if (!iso) return "–"
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return "–"
  const sameYear = date.getFullYear() === new Date().getFullYear()
  return date.toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
  })
}

export function formatDuration(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined) return "–"
  if (milliseconds < 1000) return `${milliseconds} ms`
  const seconds = milliseconds / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${Math.round(seconds % 60)} s`
}

/** Amazon sends money as decimal text in the order's currency; show it the merchant's way. */
export function formatMoney(amount: string | number | null | undefined, currencyCode: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "–"
  const value = Number(amount)
  if (!currencyCode || Number.isNaN(value)) return String(amount)
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currencyCode }).format(value)
  } catch {
    return `${amount} ${currencyCode}`
  }
}

/** "PARTIALLY_SHIPPED" → "Partially shipped". */
export function humanize(code: string | null | undefined): string {
  if (!code) return "–"
  const words = code.replace(/[_-]+/g, " ").toLowerCase().trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
