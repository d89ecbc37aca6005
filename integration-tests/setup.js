// Each integration test file boots a whole Medusa app and migrates a fresh database.
jest.setTimeout(240 * 1000)
process.env.AMAZON_CREDENTIALS_KEY = process.env.AMAZON_CREDENTIALS_KEY || "integration-tests-credentials-key"
