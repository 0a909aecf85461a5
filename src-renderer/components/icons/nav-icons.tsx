import { SvgIcon, type IconProps } from './svg-icon'

export const LibraryIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <rect x="4" y="4" width="6.5" height="6.5" rx="1.5" />
    <rect x="13.5" y="4" width="6.5" height="6.5" rx="1.5" />
    <rect x="4" y="13.5" width="6.5" height="6.5" rx="1.5" />
    <rect x="13.5" y="13.5" width="6.5" height="6.5" rx="1.5" />
  </SvgIcon>
)

export const CollectionsIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4 6a2 2 0 0 1 2-2h3.5l2 2.5H18a2 2 0 0 1 2 2V17a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
    <path d="M4 10h16" />
  </SvgIcon>
)

export const WatchedIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" />
    <circle cx="12" cy="12" r="3" />
  </SvgIcon>
)

export const DiaryIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <rect x="5" y="3" width="14" height="18" rx="2" />
    <path d="M9 3v18" />
    <path d="M12.5 8h3M12.5 11.5h3" />
  </SvgIcon>
)

export const HistoryIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </SvgIcon>
)

export const SettingsIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4 6h8M16 6h4M4 12h2M10 12h10M4 18h11M19 18h1" />
    <circle cx="14" cy="6" r="2" />
    <circle cx="8" cy="12" r="2" />
    <circle cx="17" cy="18" r="2" />
  </SvgIcon>
)

export const FolderIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4 6.5a2 2 0 0 1 2-2h3.5l2 2.5H18a2 2 0 0 1 2 2v7.5a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
  </SvgIcon>
)

export const AlertIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5v.01" />
  </SvgIcon>
)
