import { Badge, CloseButton, Group, Stack } from '@mantine/core'
import type { FileDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { notifyError } from '../../lib/notify'
import { TagInput, type TagChoice } from '../TagInput'

export interface FileTagsEditorProps {
  file: FileDto
  /** Called after a change, with the file as it is now. */
  onChanged: () => void
}

/** The file's tags, each removable, and a field to add one (an existing tag, or a new one on Enter). */
export function FileTagsEditor({ file, onChanged }: FileTagsEditorProps) {
  const add = async (tag: TagChoice) => {
    try {
      await call('tags:apply', tag.id ? { fileIds: [file.id], tagIds: [tag.id] } : { fileIds: [file.id], names: [tag.name], create: true })
      onChanged()
    } catch (err) {
      notifyError(err, `“${file.name}” could not be tagged “${tag.name}”`)
    }
  }
  const remove = async (tag: { id: number; name: string }) => {
    try {
      await call('tags:remove', { fileIds: [file.id], tagIds: [tag.id] })
      onChanged()
    } catch (err) {
      notifyError(err, `The tag “${tag.name}” could not be removed`)
    }
  }

  return (
    <Stack gap="xs">
      {file.tags.length > 0 && (
        <Group gap={6} aria-label="Tags of this file" role="list">
          {file.tags.map((tag) => (
            <Badge
              key={tag.id}
              role="listitem"
              variant="light"
              color={tag.color ?? 'gray'}
              radius="sm"
              tt="none"
              size="lg"
              fw={500}
              pr={3}
              rightSection={
                <CloseButton size="xs" variant="transparent" aria-label={`Remove the tag ${tag.name}`} onClick={() => void remove(tag)} />
              }
            >
              {tag.name}
            </Badge>
          ))}
        </Group>
      )}
      <TagInput label="Add a tag" hideLabel exclude={file.tags.map((t) => t.id)} onSubmit={add} />
    </Stack>
  )
}
