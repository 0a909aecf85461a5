import { describe, expect, it } from 'vitest'
import { isLastGroup, lastGroup } from './recovery-check'

const CODE = 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345'

describe('the recovery code check', () => {
  it('asks for the last group, in any case and with stray spaces', () => {
    expect(lastGroup(CODE)).toBe('Z2345')
    expect(isLastGroup('Z2345', CODE)).toBe(true)
    expect(isLastGroup(' z23 45 ', CODE)).toBe(true)
  })

  it('refuses another group, a part of it, or nothing', () => {
    for (const typed of ['ABCDE', 'Z234', 'Z23456', '', CODE]) expect(isLastGroup(typed, CODE)).toBe(false)
  })
})
