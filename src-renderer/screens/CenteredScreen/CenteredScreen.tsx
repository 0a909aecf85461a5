import { Box, Paper } from '@mantine/core'
import type { ReactNode } from 'react'
import classes from './CenteredScreen.module.css'

/** A full-window screen with one card in the middle: start-up, first run, failures. */
export function CenteredScreen({ children, width = 560 }: { children: ReactNode; width?: number }) {
  return (
    <Box component="main" className={classes.root}>
      <Paper withBorder shadow="sm" radius="lg" p="xl" w="100%" maw={width} className={classes.card}>
        {children}
      </Paper>
    </Box>
  )
}
