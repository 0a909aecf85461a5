import { SvgIcon, type IconProps } from './svg-icon'

export const UploadIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M12 15.5V4.5M7.5 9 12 4.5 16.5 9" />
    <path d="M4.5 15v2.5a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V15" />
  </SvgIcon>
)

export const ChevronIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="m9.5 6 6 6-6 6" />
  </SvgIcon>
)

export const DotsIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <circle cx="6" cy="12" r="1.2" />
    <circle cx="12" cy="12" r="1.2" />
    <circle cx="18" cy="12" r="1.2" />
  </SvgIcon>
)

export const FileAddIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M13.5 3.5H7a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V9z" />
    <path d="M13.5 3.5V9H19M12 12v5M9.5 14.5h5" />
  </SvgIcon>
)

export const FolderAddIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4 6.5a2 2 0 0 1 2-2h3.5l2 2.5H18a2 2 0 0 1 2 2v7.5a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
    <path d="M12 10.5v5M9.5 13h5" />
  </SvgIcon>
)

export const PencilIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4.5 19.5h4l10-10a2.83 2.83 0 0 0-4-4l-10 10z" />
    <path d="m13.5 6.5 4 4" />
  </SvgIcon>
)

export const MoveIcon = (props: IconProps) => (
  <SvgIcon {...props}>
    <path d="M4 6.5a2 2 0 0 1 2-2h3.5l2 2.5H18a2 2 0 0 1 2 2v7.5a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z" />
    <path d="M9 13h6M12.5 10.5 15 13l-2.5 2.5" />
  </SvgIcon>
)

