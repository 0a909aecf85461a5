import { NavLink, Stack } from '@mantine/core'
import type { ComponentType } from 'react'
import { hrefOf, ROUTES, type RouteId } from '../../app/routes'
import type { IconProps } from '../icons/svg-icon'
import {
  CollectionsIcon,
  DiaryIcon,
  HistoryIcon,
  LibraryIcon,
  SettingsIcon,
  WatchedIcon,
} from '../icons/nav-icons'
import { TrashIcon } from '../icons/file-icons'

const ICONS: Record<RouteId, ComponentType<IconProps>> = {
  library: LibraryIcon,
  collections: CollectionsIcon,
  watched: WatchedIcon,
  diary: DiaryIcon,
  history: HistoryIcon,
  trash: TrashIcon,
  settings: SettingsIcon,
}

export interface MainNavProps {
  current: RouteId
  /** Called after a link is followed (closes the navbar on narrow windows). */
  onNavigate?: () => void
}

/** The sections of the app as plain hash links; the current one is marked for screen readers. */
export function MainNav({ current, onNavigate }: MainNavProps) {
  return (
    <Stack gap={2}>
      {ROUTES.map((route) => {
        const Icon = ICONS[route.id]
        const active = route.id === current
        return (
          <NavLink
            key={route.id}
            href={hrefOf(route.id)}
            label={route.label}
            leftSection={<Icon />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
          />
        )
      })}
    </Stack>
  )
}
