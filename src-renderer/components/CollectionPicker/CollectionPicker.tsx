import { Popover, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { cloneElement, useState, type ReactElement } from 'react'
import type { CollectionNodeDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { notifyError } from '../../lib/notify'
import { useCall } from '../../lib/use-call'
import { ErrorAlert } from '../ErrorAlert'
import { CollectionsIcon } from '../icons/nav-icons'
import { PlusIcon } from '../icons/file-icons'
import classes from './CollectionPicker.module.css'

export interface PickedCollection {
  id: number
  name: string
}

export interface CollectionPickerProps {
  /** The button that opens the picker. */
  children: ReactElement<{ onClick?: () => void }>
  onPick: (collection: PickedCollection) => unknown
}

interface Row {
  node: CollectionNodeDto
  depth: number
  path: string
}

function flatten(nodes: readonly CollectionNodeDto[], depth = 0, parent = ''): Row[] {
  return nodes.flatMap((node) => {
    const path = parent ? `${parent} / ${node.name}` : node.name
    return [{ node, depth, path }, ...flatten(node.children, depth + 1, path)]
  })
}

/** A popover over the collections tree: filter by name, pick one, or make a new one at the top level. */
export function CollectionPicker({ children, onPick }: CollectionPickerProps) {
  const [opened, setOpened] = useState(false)
  return (
    <Popover opened={opened} onChange={setOpened} position="top" width={320} shadow="md" trapFocus withArrow>
      <Popover.Target>
        {cloneElement(children, { onClick: () => setOpened((o) => !o) })}
      </Popover.Target>
      <Popover.Dropdown>
        {opened && (
          <PickerBody
            onPick={(collection) => {
              setOpened(false)
              return onPick(collection)
            }}
          />
        )}
      </Popover.Dropdown>
    </Popover>
  )
}

function PickerBody({ onPick }: { onPick: (collection: PickedCollection) => unknown }) {
  const { value, error } = useCall('collections:tree', {})
  const [filter, setFilter] = useState('')
  const rows = flatten(value?.roots ?? [])
  const wanted = filter.trim().toLowerCase()
  const shown = wanted ? rows.filter((r) => r.path.toLowerCase().includes(wanted)) : rows
  const exact = rows.some((r) => r.depth === 0 && r.node.name.toLowerCase() === wanted)

  const create = async () => {
    try {
      const made = await call('collections:create', { name: filter.trim() })
      await onPick({ id: made.id, name: made.name })
    } catch (err) {
      notifyError(err, `The collection “${filter.trim()}” could not be made`)
    }
  }

  return (
    <Stack gap="xs">
      <TextInput
        label="Add to collection"
        placeholder="Find or name a collection"
        value={filter}
        data-autofocus
        onChange={(e) => setFilter(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return
          e.preventDefault()
          if (shown.length === 1) void onPick({ id: shown[0]!.node.id, name: shown[0]!.node.name })
          else if (wanted && !exact) void create()
        }}
      />
      {error && <ErrorAlert error={error} title="The collections could not be read" />}
      <ScrollArea.Autosize mah={260} type="auto">
        <div role="listbox" aria-label="Collections" className={classes.list}>
          {shown.map(({ node, depth, path }) => (
            <UnstyledButton
              key={node.id}
              role="option"
              aria-selected={false}
              className={classes.item}
              style={{ paddingInlineStart: 8 + (wanted ? 0 : depth * 16) }}
              onClick={() => void onPick({ id: node.id, name: node.name })}
              title={path}
            >
              <CollectionsIcon size={16} />
              <Text size="sm" truncate="end">
                {wanted ? path : node.name}
              </Text>
              <Text size="xs" c="dimmed" ml="auto">
                {node.fileCount.toLocaleString()}
              </Text>
            </UnstyledButton>
          ))}
          {value && rows.length === 0 && !wanted && (
            <Text size="sm" c="dimmed" p="xs">
              No collections yet. Type a name to make one.
            </Text>
          )}
          {wanted && !exact && (
            <UnstyledButton role="option" aria-selected={false} className={classes.item} onClick={() => void create()}>
              <PlusIcon size={16} />
              <Text size="sm" truncate="end">
                New collection “{filter.trim()}”
              </Text>
            </UnstyledButton>
          )}
        </div>
      </ScrollArea.Autosize>
    </Stack>
  )
}
