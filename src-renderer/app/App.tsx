import '@mantine/core/styles.css'
import './global.css'
import { MantineProvider } from '@mantine/core'
import { ErrorBoundary } from '../components/ErrorBoundary'
import { AppInfoProvider } from './app-info-context'
import { AppGate } from './AppGate'
import { cssVariablesResolver, theme } from './theme'

export function App() {
  return (
    <ErrorBoundary>
      <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
        <AppInfoProvider>
          <AppGate />
        </AppInfoProvider>
      </MantineProvider>
    </ErrorBoundary>
  )
}
