import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import './global.css'
import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { ErrorBoundary } from '../components/ErrorBoundary'
import { AppInfoProvider } from './app-info-context'
import { AppGate } from './AppGate'
import { cssVariablesResolver, theme } from './theme'

export function App() {
  return (
    <ErrorBoundary>
      <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
        <Notifications position="bottom-right" limit={4} />
        <AppInfoProvider>
          <AppGate />
        </AppInfoProvider>
      </MantineProvider>
    </ErrorBoundary>
  )
}
