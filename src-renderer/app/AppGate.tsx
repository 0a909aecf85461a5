import { AppFrame } from '../components/AppFrame'
import { FirstRunScreen } from '../screens/FirstRunScreen'
import { LoadingScreen } from '../screens/LoadingScreen'
import { StartupErrorScreen } from '../screens/StartupErrorScreen'
import { useAppInfoState } from './app-info-context'
import { PAGES } from './pages'
import { useHashRoute } from './use-hash-route'

/** Decides what the window shows: loading, a start-up failure, the first-run screen, or the app. */
export function AppGate() {
  const { value: info, error, loading, reload, setValue } = useAppInfoState()
  const route = useHashRoute()

  if (!info) {
    if (error) return <StartupErrorScreen error={error} retrying={loading} onRetry={reload} />
    return <LoadingScreen />
  }
  if (!info.library) return <FirstRunScreen info={info} onOpened={setValue} />

  const Page = PAGES[route]
  return (
    <AppFrame route={route} libraryPath={info.library.path}>
      <Page key={route} />
    </AppFrame>
  )
}
