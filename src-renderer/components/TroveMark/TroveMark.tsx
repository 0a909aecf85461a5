import { ThemeIcon } from '@mantine/core'
import { SvgIcon } from '../icons/svg-icon'

/** The app's mark: a small chest. Decorative; the name beside it carries the meaning. */
export function TroveMark({ size = 30 }: { size?: number }) {
  return (
    <ThemeIcon size={size} radius="md" variant="filled" aria-hidden="true">
      <SvgIcon size={Math.round(size * 0.62)} strokeWidth={2}>
        <path d="M4 11V9a4 4 0 0 1 4-4h8a4 4 0 0 1 4 4v2" />
        <path d="M3.5 11h17v7a2 2 0 0 1-2 2h-13a2 2 0 0 1-2-2z" />
        <path d="M12 10v4" />
      </SvgIcon>
    </ThemeIcon>
  )
}
