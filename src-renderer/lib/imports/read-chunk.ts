/**
 * The bytes of a Blob as padded standard base64, read by the browser (FileReader) rather than
 * by building a string byte by byte, which is slow and breaks on large chunks.
 */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : ''
      const comma = url.indexOf(',')
      resolve(comma >= 0 ? url.slice(comma + 1) : '')
    }
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.onabort = () => reject(new Error('Reading the file was stopped.'))
    reader.readAsDataURL(blob)
  })
}
