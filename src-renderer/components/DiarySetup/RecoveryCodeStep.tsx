import { Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { isLastGroup } from './recovery-check'
import classes from './RecoveryCodeStep.module.css'


function saveAsFile(code: string) {
  const text =
    'Trove diary recovery code\n\n' +
    `${code}\n\n` +
    'With this code you can open your diary if you forget the passphrase.\n' +
    'Keep it somewhere safe and private, away from this computer.\n'
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }))
  const link = document.createElement('a')
  link.href = url
  link.download = 'trove-diary-recovery-code.txt'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The recovery code, shown once: save it as a file or print it, then type its last group to
 * show it was kept. There is no way past this step without the code.
 */
export function RecoveryCodeStep({ code, onKept }: { code: string; onKept: () => void }) {
  const [typed, setTyped] = useState('')
  const ok = isLastGroup(typed, code)

  return (
    <Paper withBorder p="xl" radius="md" maw={560} mx="auto" data-testid="diary-recovery-code">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (ok) onKept()
        }}
      >
        <Stack>
          <Title order={2} size="h3">
            Keep your recovery code
          </Title>
          <Text size="sm">
            If you forget your passphrase, this code is the only way into your diary. It is shown now and never again. Save it as a file or print
            it, and keep it away from this computer.
          </Text>
          <Code block className={classes.code} data-testid="recovery-code">
            {code}
          </Code>
          <Group>
            <Button variant="light" onClick={() => saveAsFile(code)}>
              Save as file
            </Button>
            <Button variant="light" onClick={() => window.print()}>
              Print
            </Button>
          </Group>
          <TextInput
            label="To check you kept it, type the last group of the code"
            description="The five characters after the last dash"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            maxLength={12}
            autoComplete="off"
            spellCheck={false}
            error={typed.trim().length >= 5 && !ok ? 'That is not the last group of the code' : undefined}
          />
          <Button type="submit" disabled={!ok}>
            I kept it — open my diary
          </Button>
        </Stack>
      </form>
      <div className={classes.printable} aria-hidden>
        <h1>Trove diary recovery code</h1>
        <p className={classes.printCode}>{code}</p>
        <p>With this code you can open your diary if you forget the passphrase. Keep it somewhere safe and private.</p>
      </div>
    </Paper>
  )
}
