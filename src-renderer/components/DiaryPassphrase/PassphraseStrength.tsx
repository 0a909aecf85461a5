import { Group, List, Progress, Stack, Text } from '@mantine/core'
import { MIN_PASSPHRASE_SCORE, STRENGTH_LABELS, type StrengthResult } from './passphrase-strength'

const COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const

/** The strength meter under a new passphrase, with the estimator's advice. */
export function PassphraseStrength({ result, empty }: { result: StrengthResult | null; empty: boolean }) {
  if (empty) return null
  if (!result) {
    return (
      <Text size="xs" c="dimmed">
        Checking strength…
      </Text>
    )
  }
  const enough = result.score >= MIN_PASSPHRASE_SCORE
  return (
    <Stack gap={4} data-testid="passphrase-strength" data-score={result.score}>
      <Progress value={(result.score + 1) * 20} color={COLORS[result.score]} size="sm" aria-hidden />
      <Group justify="space-between">
        <Text size="xs" fw={600} c={COLORS[result.score]}>
          Strength: {STRENGTH_LABELS[result.score]}
        </Text>
        {!enough && (
          <Text size="xs" c="dimmed">
            Needs at least “{STRENGTH_LABELS[MIN_PASSPHRASE_SCORE]}”
          </Text>
        )}
      </Group>
      {(result.warning || (!enough && result.suggestions.length > 0)) && (
        <List size="xs" c="dimmed" spacing={0}>
          {result.warning && <List.Item>{result.warning}</List.Item>}
          {!enough && result.suggestions.map((s) => <List.Item key={s}>{s}</List.Item>)}
        </List>
      )}
    </Stack>
  )
}
