import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** Ids the plugin and Medusa create are short ASCII; anything else cannot name a record. */
const MAXIMUM_ID_LENGTH = 200
const NOT_AN_ID = /[\u0000-\u001F\u007F-\u009F]/

/**
 * Answers 400 for a path segment that cannot be an id (a NUL byte makes PostgreSQL refuse the query, which would
 * otherwise surface as a 500), so the routes below only ever look up ids that can exist.
 */
export function rejectMalformedIds(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  // originalUrl: under a mounted matcher req.path holds only what the matcher left over.
  const path = (req.originalUrl ?? req.url).split("?")[0]
  for (const segment of path.split("/")) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      decoded = "\u0000"
    }
    if (decoded.length > MAXIMUM_ID_LENGTH || NOT_AN_ID.test(decoded)) {
      res.status(400).json({
        type: "invalid_data",
        message: "The id in the address is not a valid id. Open the record from its list in the admin instead.",
      })
      return
    }
  }
  next()
}
