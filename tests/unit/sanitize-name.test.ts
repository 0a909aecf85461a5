import { describe, expect, it } from 'vitest'
import { sanitizeName } from '../../src-main/core/ingest/sanitize-name'

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length

describe('display names', () => {
  it.each([
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['LPT1.log', '_LPT1.log'],
    ['aux', '_aux'],
    ['console.txt', 'console.txt'],
    ['a:b.txt', 'a_b.txt'],
    ['what?<>|*".txt', 'what______.txt'],
    ['dir/escape\\name.txt', 'dir_escape_name.txt'],
    ['trailing dots...', 'trailing dots'],
    ['trailing spaces   ', 'trailing spaces'],
    ['  leading spaces.txt', 'leading spaces.txt'],
    ['bell\u0007and\u0000nul\u001f.txt', 'bellandnul.txt'],
    ['c1\u0085control.txt', 'c1control.txt'],
    ['', 'untitled'],
    ['...', 'untitled'],
    ['   ', 'untitled'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitizeName(input)).toBe(expected)
  })

  it('normalises to NFC so the same name has one spelling', () => {
    const nfd = 'Cafe\u0301.txt'
    expect(sanitizeName(nfd)).toBe('Café.txt')
    expect(sanitizeName(nfd)).toBe(sanitizeName('Café.txt'))
  })

  it('cuts names to 255 UTF-8 bytes without splitting a character, keeping the extension', () => {
    const long = `${'日本語'.repeat(60)}.pdf` // 540 bytes of CJK + .pdf
    const out = sanitizeName(long)
    expect(utf8Bytes(out)).toBeLessThanOrEqual(255)
    expect(out.endsWith('.pdf')).toBe(true)
    expect(out).not.toContain('\uFFFD')
    expect([...out.slice(0, -4)].every((ch) => '日本語'.includes(ch))).toBe(true)
  })

  it('does not split an emoji made of several code points', () => {
    const family = '👨‍👩‍👧‍👦' // one grapheme, 25 bytes
    const out = sanitizeName(`${family.repeat(20)}.jpg`)
    expect(utf8Bytes(out)).toBeLessThanOrEqual(255)
    const body = out.slice(0, -4)
    expect(body.length % family.length).toBe(0)
    expect(body.replaceAll(family, '')).toBe('')
  })

  it('leaves an ordinary name alone', () => {
    expect(sanitizeName('Holiday photo 2024-07-01 (2).JPG')).toBe('Holiday photo 2024-07-01 (2).JPG')
  })
})
