// Amazon Custom: an order line's BuyerCustomizedInfo.CustomizedURL points to a ZIP holding the
// buyer's customization as JSON. The simulator builds that ZIP from the seeded text so that
// the plugin's download-and-unzip code path can be exercised without Amazon.
// The JSON is a simplified version of Amazon Custom's "version3.0" document.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** A ZIP archive with one uncompressed ("stored") file. */
export function zipSingleFile(fileName: string, content: Buffer): Buffer {
  const name = Buffer.from(fileName, "utf8")
  const crc = crc32(content)
  const UTF8_NAMES = 0x0800
  const dosTime = 0
  const dosDate = (2024 - 1980) << 9 | 1 << 5 | 1

  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(UTF8_NAMES, 6)
  local.writeUInt16LE(0, 8)
  local.writeUInt16LE(dosTime, 10)
  local.writeUInt16LE(dosDate, 12)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(content.length, 18)
  local.writeUInt32LE(content.length, 22)
  local.writeUInt16LE(name.length, 26)
  local.writeUInt16LE(0, 28)

  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(UTF8_NAMES, 8)
  central.writeUInt16LE(0, 10)
  central.writeUInt16LE(dosTime, 12)
  central.writeUInt16LE(dosDate, 14)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(content.length, 20)
  central.writeUInt32LE(content.length, 24)
  central.writeUInt16LE(name.length, 28)
  central.writeUInt32LE(0, 42) // offset of the local header

  const centralOffset = local.length + name.length + content.length
  const centralSize = central.length + name.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(centralOffset, 16)

  return Buffer.concat([local, name, content, central, name, end])
}

export function customizationDocument(orderItemId: string, text: string): Record<string, unknown> {
  return {
    orderItemId,
    "version3.0": {
      customizationInfo: {
        surfaces: [{ name: "Surface 1", areas: [{ customizationType: "TextPrinting", name: "Personalization", label: "Your text", text }] }],
      },
    },
  }
}

export function customizationZip(orderItemId: string, text: string): Buffer {
  const json = Buffer.from(JSON.stringify(customizationDocument(orderItemId, text), null, 2), "utf8")
  return zipSingleFile(`${orderItemId}.json`, json)
}
