import { Button, Group, List, Modal, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { RecoveryReportDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { formatDateTime } from '../../lib/format-date'
import { notifyError } from '../../lib/notify'

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`

/** The findings as sentences a person can act on. */
function findings(report: RecoveryReportDto): string[] {
  const out: string[] = []
  if (report.tmpEntriesRemoved) out.push(`${plural(report.tmpEntriesRemoved, 'half-written file', 'half-written files')} from an interrupted import or upload removed. Nothing that had been added was lost; import again anything that did not finish.`)
  if (report.partialsRemoved) out.push(`${plural(report.partialsRemoved, 'half-copied stored file', 'half-copied stored files')} removed.`)
  if (report.orphansSwept) out.push(`${plural(report.orphansSwept, 'stored file', 'stored files')} that no entry used any more removed.`)
  if (report.recovered) out.push(`${plural(report.recovered, 'file', 'files')} marked missing earlier found again.`)
  if (report.missingCount) out.push(`${plural(report.missingCount, 'file is', 'files are')} missing from the library folder. Their entries, tags and notes are kept; import the files again, or restore them from a backup, to repair them.`)
  return out
}

/**
 * What Trove repaired or found while opening the library, shown once: dismissing it means it is
 * not shown again (new findings make a new report).
 */
export function RecoveryNotice() {
  const [report, setReport] = useState<RecoveryReportDto | null>(null)
  useEffect(() => {
    let live = true
    call('library:recovery-report', {})
      .then(({ report: pending }) => live && setReport(pending))
      .catch(() => undefined) // nothing to tell is better than an error about the notice itself
    return () => {
      live = false
    }
  }, [])
  if (!report) return null
  const dismiss = () => {
    setReport(null)
    call('library:dismiss-recovery-report', {}).catch((err: unknown) => notifyError(err, 'The start-up report could not be marked as seen'))
  }
  const missing = report.missing.slice(0, 10)
  return (
    <Modal opened onClose={dismiss} title="Trove checked the library when it opened" size="lg" data-testid="recovery-notice">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {report.openings > 1 ? `Over ${report.openings} openings, the last on ${formatDateTime(report.lastAt)}:` : `On ${formatDateTime(report.lastAt)}:`}
        </Text>
        <List size="sm" spacing={6}>
          {findings(report).map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        {missing.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              Missing
            </Text>
            {missing.map((m) => (
              <Text key={m.sha256} size="xs" ff="monospace" truncate="end" title={m.path}>
                {m.name ?? m.sha256}
              </Text>
            ))}
            {report.missingCount > missing.length && (
              <Text size="xs" c="dimmed">
                and {(report.missingCount - missing.length).toLocaleString()} more (run verify for the full list)
              </Text>
            )}
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          The database passed its integrity check.
        </Text>
        <Group justify="flex-end">
          <Button onClick={dismiss} data-autofocus>
            OK
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
