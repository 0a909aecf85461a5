import { createTheme, type CSSVariablesResolver } from '@mantine/core'

/** Calm and quiet: teal accents on neutral greys, the system font, soft corners. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  headings: { fontWeight: '650' },
})

/**
 * Secondary ("dimmed") text a little darker in light and lighter in dark than Mantine's default,
 * so descriptions and labels reach a 4.5:1 contrast on the page background.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636b' },
  dark: { '--mantine-color-dimmed': '#a3a3a3' },
})
