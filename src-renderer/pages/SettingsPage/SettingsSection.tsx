import { Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

export interface SettingsSectionProps {
  title: string
  description?: ReactNode
  children: ReactNode
}

/** One titled group of settings, announced as a region named by its heading. */
export function SettingsSection({ title, description, children }: SettingsSectionProps) {
  const id = `settings-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
  return (
    <Paper component="section" withBorder radius="lg" p="lg" aria-labelledby={id}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" mt={4}>
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  )
}
