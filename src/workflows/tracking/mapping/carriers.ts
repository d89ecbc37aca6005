/**
 * Which carrier ships a package, in Amazon's terms.
 *
 * Amazon's confirmShipment takes a `carrierCode` from its own list of carriers; a carrier that is not on the list
 * is sent as carrierCode "Other" with the carrier's name in `carrierName` (required then). Medusa's fulfillment
 * labels carry no carrier field, so the carrier is read, in this order, from: what the merchant wrote (fulfillment
 * metadata or a CSV column), the fulfillment provider id, the host of the label's tracking URL, and finally the
 * shape of the tracking number for the carriers whose numbers cannot be mistaken (UPS "1Z…").
 */

export type AmazonCarrier = {
  /** Amazon's carrier code, e.g. "UPS", "Royal Mail", or "Other". */
  carrierCode: string
  /** Only with carrierCode "Other": the carrier's name as the buyer should read it. */
  carrierName?: string
}

type KnownCarrier = {
  code: string
  /** Lower-case words that name the carrier (compared after removing spaces, dots, dashes and underscores). */
  aliases: string[]
  /** Host names (or their endings) of the carrier's tracking pages. */
  hosts: string[]
}

/** Carriers Amazon lists under these exact carrier codes. */
const KNOWN_CARRIERS: KnownCarrier[] = [
  { code: "USPS", aliases: ["usps", "unitedstatespostalservice", "uspostalservice"], hosts: ["usps.com"] },
  { code: "UPS", aliases: ["ups", "unitedparcelservice"], hosts: ["ups.com"] },
  { code: "UPSMI", aliases: ["upsmi", "upsmailinnovations"], hosts: [] },
  { code: "FedEx", aliases: ["fedex", "federalexpress", "fdx"], hosts: ["fedex.com"] },
  { code: "DHL eCommerce", aliases: ["dhlecommerce", "dhlecom", "dhlglobalmail"], hosts: ["webtrack.dhlecs.com", "dhlecommerce.com"] },
  { code: "DHL", aliases: ["dhl", "dhlexpress", "dhlparcel", "dhlpaket"], hosts: ["dhl.com", "dhl.de", "dhl.co.uk", "dhlparcel.nl"] },
  { code: "Deutsche Post", aliases: ["deutschepost"], hosts: ["deutschepost.de"] },
  { code: "Royal Mail", aliases: ["royalmail", "rm"], hosts: ["royalmail.com"] },
  { code: "Parcelforce", aliases: ["parcelforce", "parcelforceworldwide"], hosts: ["parcelforce.com"] },
  { code: "DPD", aliases: ["dpd", "dpdlocal", "dpdgroup"], hosts: ["dpd.com", "dpd.co.uk", "dpd.de", "dpd.fr", "dpdlocal.co.uk"] },
  { code: "GLS", aliases: ["gls", "glsgroup"], hosts: ["gls-group.eu", "gls-group.com", "gls-pakete.de", "gls-france.com"] },
  { code: "Hermes", aliases: ["hermes", "hermesgermany"], hosts: ["myhermes.de", "hermesworld.com"] },
  { code: "Evri", aliases: ["evri"], hosts: ["evri.com"] },
  { code: "Yodel", aliases: ["yodel"], hosts: ["yodel.co.uk"] },
  { code: "TNT", aliases: ["tnt"], hosts: ["tnt.com"] },
  { code: "La Poste", aliases: ["laposte"], hosts: ["laposte.fr"] },
  { code: "Colissimo", aliases: ["colissimo"], hosts: ["colissimo.fr"] },
  { code: "Chronopost", aliases: ["chronopost"], hosts: ["chronopost.fr"] },
  { code: "Poste Italiane", aliases: ["posteitaliane"], hosts: ["poste.it"] },
  { code: "BRT", aliases: ["brt", "bartolini"], hosts: ["brt.it"] },
  { code: "SEUR", aliases: ["seur"], hosts: ["seur.com"] },
  { code: "Correos", aliases: ["correos"], hosts: ["correos.es"] },
  { code: "PostNL", aliases: ["postnl"], hosts: ["postnl.nl", "postnl.post"] },
  { code: "Canada Post", aliases: ["canadapost", "postescanada"], hosts: ["canadapost-postescanada.ca", "canadapost.ca"] },
  { code: "Australia Post", aliases: ["australiapost", "auspost"], hosts: ["auspost.com.au"] },
  { code: "OnTrac", aliases: ["ontrac"], hosts: ["ontrac.com"] },
  { code: "Lasership", aliases: ["lasership"], hosts: ["lasership.com"] },
  { code: "Japan Post", aliases: ["japanpost", "jppost", "yubin"], hosts: ["japanpost.jp", "post.japanpost.jp"] },
  { code: "Yamato Transport", aliases: ["yamato", "yamatotransport", "kuronekoyamato"], hosts: ["kuronekoyamato.co.jp"] },
  { code: "Sagawa Express", aliases: ["sagawa", "sagawaexpress"], hosts: ["sagawa-exp.co.jp"] },
  { code: "Amazon Shipping", aliases: ["amazonshipping", "amazonlogistics", "amzl"], hosts: ["track.amazon.com"] },
]

/** Fulfillment provider ids that say nothing about the carrier (Medusa's manual provider, generic aggregators). */
const NON_CARRIER_PROVIDERS = new Set(["manual", "manualmanual", "manual_manual", "shipstation", "shippo", "easypost", "sendcloud", "other"])

function normalized(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s._\-/]+/g, "")
}

function knownByName(text: string): KnownCarrier | undefined {
  const key = normalized(text)
  if (!key) return undefined
  return KNOWN_CARRIERS.find((carrier) => normalized(carrier.code) === key || carrier.aliases.includes(key))
}

/** A carrier the merchant named: Amazon's code when Amazon knows it, otherwise "Other" with the name as written. */
export function carrierFromName(name: string): AmazonCarrier | null {
  const trimmed = name.trim()
  if (!trimmed) return null
  const known = knownByName(trimmed)
  if (known) return { carrierCode: known.code }
  if (normalized(trimmed) === "other") return null
  return { carrierCode: "Other", carrierName: trimmed }
}

/**
 * A fulfillment provider id such as "ups_ups", "fedex", "dhl-express_dhl-express" or "royal-mail_rm24": its
 * parts are tried as carrier names. Unknown providers give null rather than "Other", because a provider id is a
 * module name, not something a buyer can read.
 */
export function carrierFromProviderId(providerId: string | null | undefined): AmazonCarrier | null {
  if (!providerId) return null
  if (NON_CARRIER_PROVIDERS.has(providerId.toLowerCase()) || NON_CARRIER_PROVIDERS.has(normalized(providerId))) return null
  const candidates = [providerId, ...providerId.split(/[_:]/)]
  for (const candidate of candidates) {
    const known = knownByName(candidate)
    if (known) return { carrierCode: known.code }
  }
  return null
}

export function carrierFromTrackingUrl(url: string | null | undefined): AmazonCarrier | null {
  if (!url) return null
  let host: string
  try {
    host = new URL(url.trim()).hostname.toLowerCase()
  } catch {
    return null
  }
  for (const carrier of KNOWN_CARRIERS) {
    if (carrier.hosts.some((known) => host === known || host.endsWith(`.${known}`))) return { carrierCode: carrier.code }
  }
  return null
}

/** Only formats that belong to a single carrier: UPS 1Z + 16 characters. */
export function carrierFromTrackingNumber(trackingNumber: string | null | undefined): AmazonCarrier | null {
  if (!trackingNumber) return null
  if (/^1Z[0-9A-Z]{16}$/i.test(trackingNumber.trim())) return { carrierCode: "UPS" }
  return null
}

export type CarrierClues = {
  /** What the merchant wrote: fulfillment metadata `amazon_carrier` / `carrier`, or the CSV carrier column. */
  named?: string | null
  providerId?: string | null
  trackingUrl?: string | null
  trackingNumber?: string | null
}

export function resolveCarrier(clues: CarrierClues): AmazonCarrier | null {
  return (
    (clues.named ? carrierFromName(clues.named) : null) ??
    carrierFromProviderId(clues.providerId) ??
    carrierFromTrackingUrl(clues.trackingUrl) ??
    carrierFromTrackingNumber(clues.trackingNumber)
  )
}
