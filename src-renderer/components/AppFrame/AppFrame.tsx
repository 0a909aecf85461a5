import { AppShell, Burger, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core'
import { useDisclosure, useDocumentTitle } from '@mantine/hooks'
import { useRef, type ReactNode } from 'react'
import { labelOf, type RouteId } from '../../app/routes'
import { ImportsProvider } from '../../lib/imports/imports-context'
import { AddFilesButton } from '../AddFilesButton'
import { CollectionsTree } from '../CollectionsTree'
import { DiaryLockButton } from '../DiaryLockButton'
import { JobStatus } from '../JobStatus'
import { MainNav } from '../MainNav'
import { SyncIndicator } from '../SyncIndicator'
import { RecoveryNotice } from '../RecoveryNotice'
import { TroveMark } from '../TroveMark'
import classes from './AppFrame.module.css'
import { FrameImports } from './FrameImports'

export interface AppFrameProps {
  route: RouteId
  /** Shown at the foot of the navbar: where the open library lives. */
  libraryPath: string
  children: ReactNode
}

/**
 * The window's frame: header with Add files and the job status, the sections and the
 * collections, the current page; files can be dropped anywhere on it, or pasted.
 */
export function AppFrame(props: AppFrameProps) {
  return (
    <ImportsProvider>
      <Frame {...props} />
    </ImportsProvider>
  )
}

function Frame({ route, libraryPath, children }: AppFrameProps) {
  const [navOpened, nav] = useDisclosure(false)
  const main = useRef<HTMLElement>(null)

  useDocumentTitle(`${labelOf(route)} – Trove`)

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="xl"
    >
      <AppShell.Header>
        <UnstyledButton className={classes.skip} onClick={() => main.current?.focus()}>
          Skip to content
        </UnstyledButton>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Sections menu"
              aria-expanded={navOpened}
              aria-controls="sections"
            />
            <TroveMark />
            <Text fw={700} size="lg" className={classes.name}>
              Trove
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap" className={classes.actions}>
            <SyncIndicator />
            <DiaryLockButton />
            <AddFilesButton />
            <JobStatus />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="sections" p="sm" aria-label="Sections">
        <AppShell.Section>
          <MainNav current={route} onNavigate={nav.close} />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} type="scroll" className={classes.collections}>
          <CollectionsTree onNavigate={nav.close} />
        </AppShell.Section>
        <AppShell.Section className={classes.footer}>
          <Text size="xs" c="dimmed" fw={500}>
            Library folder
          </Text>
          {/* The mark keeps a leading "/" at the start of the path when it is cut from the left. */}
          <Text size="xs" truncate="start" title={libraryPath} ff="monospace">
            {`\u200E${libraryPath}`}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main ref={main} tabIndex={-1} className={classes.main}>
        <div className={classes.content}>{children}</div>
      </AppShell.Main>
      {route !== 'diary' && <FrameImports /> /* the diary takes its own drops and pastes: nothing of it may reach the library */}
      <RecoveryNotice key={libraryPath} />
    </AppShell>
  )
}
