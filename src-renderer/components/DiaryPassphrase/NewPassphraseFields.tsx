import { PasswordInput, Stack } from '@mantine/core'
import { useEffect, useState } from 'react'
import { loadStrengthChecker, MIN_PASSPHRASE_SCORE, type StrengthResult } from './passphrase-strength'
import { PassphraseStrength } from './PassphraseStrength'

export interface NewPassphrase {
  value: string
  /** Long enough, strong enough, and typed the same twice. */
  acceptable: boolean
}

/** A new passphrase typed twice, with the strength meter; reports whether it may be used. */
export function NewPassphraseFields({
  label = 'New passphrase',
  onChange,
  autoFocus,
}: {
  label?: string
  onChange: (next: NewPassphrase) => void
  autoFocus?: boolean
}) {
  const [first, setFirst] = useState('')
  const [second, setSecond] = useState('')
  const [strength, setStrength] = useState<StrengthResult | null>(null)

  useEffect(() => {
    let live = true
    setStrength(null)
    if (!first) return
    const timer = setTimeout(() => {
      loadStrengthChecker().then(
        (check) => live && setStrength(check(first)),
        () => live && setStrength({ score: 0, warning: 'The strength checker could not be loaded.', suggestions: [] }),
      )
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [first])

  const tooShort = first.length > 0 && first.length < 8
  const mismatch = second.length > 0 && second !== first
  const acceptable = first.length >= 8 && second === first && strength !== null && strength.score >= MIN_PASSPHRASE_SCORE

  useEffect(() => {
    onChange({ value: first, acceptable })
  }, [first, acceptable, onChange])

  return (
    <Stack gap="xs">
      <PasswordInput
        label={label}
        value={first}
        onChange={(e) => setFirst(e.currentTarget.value)}
        error={tooShort ? 'At least 8 characters' : undefined}
        autoComplete="new-password"
        data-autofocus={autoFocus || undefined}
        autoFocus={autoFocus}
      />
      <PassphraseStrength result={strength} empty={first.length === 0} />
      <PasswordInput
        label="Type it again"
        value={second}
        onChange={(e) => setSecond(e.currentTarget.value)}
        error={mismatch ? 'The two passphrases are not the same' : undefined}
        autoComplete="new-password"
      />
    </Stack>
  )
}
