import type { ComponentType } from 'react'
import { CollectionsPage } from '../pages/CollectionsPage'
import { DiaryPage } from '../pages/DiaryPage'
import { HistoryPage } from '../pages/HistoryPage'
import { LibraryPage } from '../pages/LibraryPage'
import { SettingsPage } from '../pages/SettingsPage'
import { TrashPage } from '../pages/TrashPage'
import { WatchedPage } from '../pages/WatchedPage'
import type { RouteId } from './routes'

/** The page of each section. */
export const PAGES: Record<RouteId, ComponentType> = {
  library: LibraryPage,
  collections: CollectionsPage,
  watched: WatchedPage,
  diary: DiaryPage,
  history: HistoryPage,
  trash: TrashPage,
  settings: SettingsPage,
}
