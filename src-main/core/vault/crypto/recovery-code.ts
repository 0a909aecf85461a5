import { randomBytes } from 'node:crypto'

/**
 * Recovery codes: 30 characters of the RFC 4648 base32 alphabet (150 random bits), shown in six
 * groups of five ("ABCDE-FGHIJ-…"). Reading one ignores case, spaces and dashes, and takes the
 * digits 0, 1 and 8 (never in the alphabet) for the letters O, I and B they are mistaken for.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const LENGTH = 30
const GROUP = 5

export function newRecoveryCode(): string {
  const bytes = randomBytes(19) // 152 bits, 150 used
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5 && out.length < LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return out.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-')
}

/** The canonical form of a typed recovery code (the KDF input), or null if it cannot be one. */
export function normaliseRecoveryCode(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s\-_.]+/g, '')
    .replace(/0/g, 'O')
    .replace(/1/g, 'I')
    .replace(/8/g, 'B')
  if (compact.length !== LENGTH || ![...compact].every((c) => ALPHABET.includes(c))) return null
  return compact.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-')
}
