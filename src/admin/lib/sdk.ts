import Medusa from "@medusajs/js-sdk"

/** The admin's own session: extensions run inside the logged-in dashboard, so no token handling here. */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  debug: import.meta.env.DEV,
  auth: {
    type: "session",
  },
})
