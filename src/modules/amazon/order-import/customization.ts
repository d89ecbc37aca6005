import { inflateRawSync } from "node:zlib"

/**
 * Amazon Custom: an order line's customization is a ZIP (linked from the order) holding a JSON document with
 * the buyer's choices. This reads the text the buyer typed out of that ZIP, so that it can go on the order
 * line where a packer sees it. Pure: bytes in, text out.
 */

const CENTRAL_DIRECTORY_END = 0x06054b50
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

type ZipEntry = { name: string; method: number; compressedSize: number; localHeaderOffset: number }

function zipEntries(zip: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 bytes (+ up to 64 KiB of comment).
  let end = -1
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
    if (zip.readUInt32LE(offset) === CENTRAL_DIRECTORY_END) {
      end = offset
      break
    }
  }
  if (end < 0) throw new Error("the file is not a ZIP archive")
  const count = zip.readUInt16LE(end + 10)
  let offset = zip.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error("the ZIP directory is damaged")
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString("utf8", offset + 46, offset + 46 + nameLength),
    })
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function entryContent(zip: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localHeaderOffset
  if (zip.readUInt32LE(header) !== LOCAL_FILE_HEADER) throw new Error("the ZIP entry is damaged")
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28)
  const data = zip.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) return Buffer.from(data)
  if (entry.method === 8) return inflateRawSync(data)
  throw new Error(`the ZIP uses compression method ${entry.method}, which cannot be read`)
}

/** Every text the buyer entered, in document order; labels are Amazon's ("Your text"), values the buyer's. */
function buyerTexts(node: unknown, found: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) buyerTexts(child, found)
    return
  }
  if (!node || typeof node !== "object") return
  const record = node as Record<string, unknown>
  if (typeof record.text === "string" && record.text.trim()) found.push(record.text.trim())
  // Older documents keep the typed text in inputValue / optionValue of customizationData.
  if (typeof record.inputValue === "string" && record.inputValue.trim()) found.push(record.inputValue.trim())
  for (const [key, value] of Object.entries(record)) {
    if (key !== "text" && key !== "inputValue") buyerTexts(value, found)
  }
}

/** The buyer's customization text from an Amazon Custom ZIP; null when the buyer typed none. */
export function customizationTextFromZip(zip: Buffer): string | null {
  const json = zipEntries(zip).find((entry) => entry.name.toLowerCase().endsWith(".json"))
  if (!json) throw new Error("the ZIP holds no JSON customization document")
  const document = JSON.parse(entryContent(zip, json).toString("utf8"))
  const texts: string[] = []
  buyerTexts(document, texts)
  const unique = [...new Set(texts)]
  return unique.length ? unique.join("\n") : null
}
