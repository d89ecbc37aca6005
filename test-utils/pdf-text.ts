/**
 * Reads back the text drawn on each page of a PDF (pdf-lib's standard-font text: hex strings shown with Tj), so tests
 * check what a label actually prints, not what we meant to print.
 */
import { inflate } from "pako"
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib"

export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes)
  return pdf.getPages().map((page) => {
    const contents = page.node.get(PDFName.of("Contents"))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    const streams = refs.map((ref) => (ref instanceof PDFRef ? pdf.context.lookup(ref) : ref)) as PDFRawStream[]
    const source = streams
      .map((stream) => {
        const filter = stream.dict.get(PDFName.of("Filter"))
        const raw = stream.getContents()
        return Buffer.from(filter && filter.toString() === "/FlateDecode" ? inflate(raw) : raw).toString("latin1")
      })
      .join("\n")
    const shown: string[] = []
    for (const match of source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) shown.push(Buffer.from(match[1], "hex").toString("latin1"))
    return shown.join("\n")
  })
}
