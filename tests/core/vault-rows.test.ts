import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { destroyKey, makeVaultKey } from '../../src-main/core/vault/crypto/vault-key'
import { openText, sealText } from '../../src-main/core/vault/sealed-row'

const newKey = () => makeVaultKey(randomBytes(32))

describe('sealed row text', () => {
  it('round trips text of any kind, including the empty string', () => {
    const key = newKey()
    for (const text of ['', 'a', 'Dear diary — ünïcødé, 日記, 🙂\n\n# Markdown', 'x'.repeat(100_000)]) {
      const sealed = sealText(key, 'entry:42:body', text)
      if (text.length >= 8) expect(sealed.includes(Buffer.from(text.slice(0, 20)))).toBe(false)
      expect(openText(key, 'entry:42:body', sealed)).toBe(text)
    }
  })

  it('the same text sealed twice differs (a fresh nonce each time)', () => {
    const key = newKey()
    expect(sealText(key, 'entry:1:title', 'Monday').equals(sealText(key, 'entry:1:title', 'Monday'))).toBe(false)
  })

  it('a ciphertext moved to another row or column is CORRUPT', () => {
    const key = newKey()
    const sealed = sealText(key, 'entry:1:body', 'private words')
    expect(() => openText(key, 'entry:2:body', sealed)).toThrow(expect.objectContaining({ code: 'CORRUPT' }))
    expect(() => openText(key, 'entry:1:title', sealed)).toThrow(expect.objectContaining({ code: 'CORRUPT' }))
  })

  it('a flipped bit, a cut, another key: CORRUPT, never the words', () => {
    const key = newKey()
    const sealed = sealText(key, 'entry:1:body', 'private words')
    for (let at = 0; at < sealed.length; at++) {
      const bad = Buffer.from(sealed)
      bad[at]! ^= 0x01
      expect(() => openText(key, 'entry:1:body', bad)).toThrow(expect.objectContaining({ code: 'CORRUPT' }))
    }
    expect(() => openText(key, 'entry:1:body', sealed.subarray(0, 20))).toThrow(expect.objectContaining({ code: 'CORRUPT' }))
    expect(() => openText(newKey(), 'entry:1:body', sealed)).toThrow(expect.objectContaining({ code: 'CORRUPT' }))
    const moved = (() => {
      try {
        return openText(key, 'entry:9:body', sealed)
      } catch (err) {
        return err as Error
      }
    })()
    expect(moved).toBeInstanceOf(Error)
    expect((moved as Error).message).not.toContain('private')
  })

  it('a locked key answers VAULT_LOCKED', () => {
    const key = newKey()
    const sealed = sealText(key, 'entry:1:body', 'private words')
    destroyKey(key)
    expect(() => openText(key, 'entry:1:body', sealed)).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }))
    expect(() => sealText(key, 'entry:1:body', 'more')).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }))
  })
})
