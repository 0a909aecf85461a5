import { Button, Popover } from '@mantine/core'
import { useState } from 'react'
import { CollectionPicker } from '../../components/CollectionPicker'
import { ExportButton } from '../../components/ExportDialog'
import { CollectionsIcon } from '../../components/icons/nav-icons'
import { TagIcon, TrashIcon } from '../../components/icons/file-icons'
import { TagInput } from '../../components/TagInput'
import { addToCollection, tagFiles } from '../../lib/file-actions'

export interface LibraryActionsProps {
  ids: readonly number[]
  onTrash: () => void
}

/** What can be done to the selected files: tag them, add them to a collection, trash them. */
export function LibraryActions({ ids, onTrash }: LibraryActionsProps) {
  const [tagging, setTagging] = useState(false)
  return (
    <>
      <Popover opened={tagging} onChange={setTagging} position="top" width={280} shadow="md" trapFocus withArrow>
        <Popover.Target>
          <Button size="compact-sm" variant="subtle" leftSection={<TagIcon size={16} />} onClick={() => setTagging((o) => !o)}>
            Tag…
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <TagInput
            label="Tag the selected files"
            placeholder="A tag, or a new one"
            autoFocus
            onSubmit={async (tag) => {
              if (await tagFiles(ids, tag)) setTagging(false)
            }}
          />
        </Popover.Dropdown>
      </Popover>
      <CollectionPicker onPick={(collection) => addToCollection(ids, collection)}>
        <Button size="compact-sm" variant="subtle" leftSection={<CollectionsIcon size={16} />}>
          Collection…
        </Button>
      </CollectionPicker>
      <ExportButton selection={{ kind: 'files', fileIds: [...ids] }} what={ids.length === 1 ? '1 file' : `${ids.length.toLocaleString()} files`} />
      <Button size="compact-sm" variant="subtle" color="red" leftSection={<TrashIcon size={16} />} onClick={onTrash}>
        Trash
      </Button>
    </>
  )
}
