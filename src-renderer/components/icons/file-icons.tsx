import type { ComponentType } from 'react'
import type { FileKindName } from '../../../src-preload/contract/files'
import { SvgIcon, type IconProps } from './svg-icon'

/* Kinds of file: one quiet line icon each, drawn on the same 24×24 grid as the section icons. */

export const ImageFileIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
    <circle cx="9" cy="10" r="1.8" />
    <path d="m20.5 16-4.5-4.5L7 19.5" />
  </SvgIcon>
)

export const VideoFileIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <rect x="3" y="6" width="13" height="12" rx="2" />
    <path d="m16 10.5 5-3v9l-5-3z" />
  </SvgIcon>
)

export const AudioFileIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M9 18V6l11-2v12" />
    <circle cx="6.5" cy="18" r="2.5" />
    <circle cx="17.5" cy="16" r="2.5" />
  </SvgIcon>
)

export const DocumentFileIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M14 3.5H7a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-10z" />
    <path d="M14 3.5v5h5" />
    <path d="M8.5 13h7M8.5 16.5h5" />
  </SvgIcon>
)

export const TextFileIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M5 5.5h14M5 10h14M5 14.5h14M5 19h9" />
  </SvgIcon>
)

export const ArchiveFileIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <rect x="3.5" y="4" width="17" height="5" rx="1.5" />
    <path d="M5 9v9.5a1.5 1.5 0 0 0 1.5 1.5h11a1.5 1.5 0 0 0 1.5-1.5V9" />
    <path d="M10 13h4" />
  </SvgIcon>
)

export const OtherFileIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M14 3.5H7a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-10z" />
    <path d="M14 3.5v5h5" />
  </SvgIcon>
)

export const KIND_ICONS: Record<FileKindName, ComponentType<IconProps>> = {
  image: ImageFileIcon,
  video: VideoFileIcon,
  audio: AudioFileIcon,
  document: DocumentFileIcon,
  text: TextFileIcon,
  archive: ArchiveFileIcon,
  other: OtherFileIcon,
}

/* Actions and controls. */

export const SearchIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m20 20-4.2-4.2" />
  </SvgIcon>
)

export const GridViewIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <rect x="4" y="4" width="6.5" height="6.5" rx="1.2" />
    <rect x="13.5" y="4" width="6.5" height="6.5" rx="1.2" />
    <rect x="4" y="13.5" width="6.5" height="6.5" rx="1.2" />
    <rect x="13.5" y="13.5" width="6.5" height="6.5" rx="1.2" />
  </SvgIcon>
)

export const ListViewIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M9 6h11M9 12h11M9 18h11" />
    <path d="M4.5 6h.01M4.5 12h.01M4.5 18h.01" strokeWidth={2.6} />
  </SvgIcon>
)

export const TrashIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4.5 7h15" />
    <path d="M9.5 7V5a1 1 0 0 1 1-1h3a1 1 0 0 1 1 1v2" />
    <path d="M6.5 7l.9 12a1.5 1.5 0 0 0 1.5 1.4h6.2a1.5 1.5 0 0 0 1.5-1.4l.9-12" />
    <path d="M10 11v5.5M14 11v5.5" />
  </SvgIcon>
)

export const RestoreIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4 12a8 8 0 1 0 2.3-5.6" />
    <path d="M4 4.5V9h4.5" />
  </SvgIcon>
)

export const TagIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M3.5 12.2V5a1.5 1.5 0 0 1 1.5-1.5h7.2l8.3 8.3a1.5 1.5 0 0 1 0 2.1l-6.9 6.9a1.5 1.5 0 0 1-2.1 0z" />
    <circle cx="8" cy="8" r="1.5" />
  </SvgIcon>
)

export const ArrowUpIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M12 19V5M6 11l6-6 6 6" />
  </SvgIcon>
)

export const ArrowDownIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </SvgIcon>
)

export const CloseIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M6 6l12 12M18 6 6 18" />
  </SvgIcon>
)

export const CheckIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </SvgIcon>
)

export const PlusIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M12 5v14M5 12h14" />
  </SvgIcon>
)

export const WarningIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M10.3 4.3 2.9 17.5A2 2 0 0 0 4.6 20.5h14.8a2 2 0 0 0 1.7-3L13.7 4.3a2 2 0 0 0-3.4 0z" />
    <path d="M12 9.5v4M12 17v.01" />
  </SvgIcon>
)

export const InfoIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5.5M12 7.5v.01" />
  </SvgIcon>
)
