/**
 * Text files as people have them: UTF-8 with or without a byte-order mark, UTF-16 (Windows
 * Notepad's "Unicode") with its mark, or UTF-16 without one (told by its zero bytes); anything
 * else is read as UTF-8 with replacement characters rather than refused.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3))
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(evenLength(bytes.subarray(2)))
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(evenLength(bytes.subarray(2)))
  const guess = utf16WithoutMark(bytes)
  if (guess) return new TextDecoder(guess).decode(evenLength(bytes))
  return utf8(bytes)
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes)
/** A text cut at a byte limit may end mid code unit: drop the odd byte. */
const evenLength = (bytes: Uint8Array) => bytes.subarray(0, bytes.length - (bytes.length % 2))

/** Mostly-ASCII UTF-16 has a zero in every other byte: the side of the zeros tells the order. */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++
    if (bytes[i + 1] === 0) oddZeros++
  }
  const pairs = n / 2
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be'
  return null
}
