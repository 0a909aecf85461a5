import { ActionIcon, Anchor, Group, Text, Title, Tree, useTree, type TreeNodeData } from '@mantine/core'
import { useLocalStorage } from '@mantine/hooks'
import { useEffect, useMemo, type KeyboardEvent } from 'react'
import type { CollectionNodeDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { pathTo, subtreeIds } from '../../lib/collections/tree'
import { collectionHref, useCollectionRoute } from '../../lib/collections/use-collection-route'
import { useCollectionTree } from '../../lib/collections/use-collection-tree'
import { notifyImport } from '../../lib/imports/notify-import'
import { useCollectionDialogs } from '../CollectionDialogs'
import { ErrorAlert } from '../ErrorAlert'
import { PlusIcon } from '../icons/file-icons'
import { CollectionRow } from './CollectionRow'
import { useCollectionDrag } from './use-collection-drag'
import classes from './CollectionsTree.module.css'

const toTreeData = (nodes: readonly CollectionNodeDto[]): TreeNodeData[] =>
  nodes.map((node) => ({ value: String(node.id), label: node.name, children: toTreeData(node.children) }))

function index(nodes: readonly CollectionNodeDto[], into = new Map<string, CollectionNodeDto>()) {
  for (const node of nodes) {
    into.set(String(node.id), node)
    index(node.children, into)
  }
  return into
}

/**
 * The collections as a tree under the sections: open and close, make one at the top or inside
 * another, rename, move (drag a row onto another, or onto the heading for the top level, or
 * "Move to…"), delete. Arrows move between
 * rows, Enter opens one, F2 renames, Delete deletes, Shift+F10 opens the row's menu.
 */
export function CollectionsTree({ onNavigate }: { onNavigate?: () => void }) {
  const { roots, error, reload } = useCollectionTree()
  const currentId = useCollectionRoute()
  const [expanded, setExpanded] = useLocalStorage<Record<string, boolean>>({ key: 'trove.collections-open', defaultValue: {}, getInitialValueInEffect: false })
  const tree = useTree({ expandedState: expanded, onExpandedStateChange: setExpanded })
  const data = useMemo(() => toTreeData(roots ?? []), [roots])
  const byValue = useMemo(() => index(roots ?? []), [roots])

  const dialogs = useCollectionDialogs(roots ?? [], {
    onSaved: (action) => {
      if (action.kind === 'create' && action.parent) tree.expand(String(action.parent.id))
    },
    onDeleted: (node) => {
      if (currentId !== null && subtreeIds(node).has(currentId)) window.location.hash = collectionHref(node.parentId)
    },
  })

  // The collection being shown is always visible: its parents are open.
  useEffect(() => {
    if (currentId === null || !roots) return
    for (const ancestor of pathTo(roots, currentId).slice(0, -1)) if (!tree.expandedState[String(ancestor.id)]) tree.expand(String(ancestor.id))
  }, [currentId, roots, tree])

  const drag = useCollectionDrag(async (dragged, parentId) => {
    try {
      await call('collections:move', { id: dragged.id, parentId })
      if (parentId !== null) tree.expand(String(parentId))
    } catch (err) {
      const moveError = toErrorDto(err)
      notifyImport({ title: `“${dragged.name}” was not moved`, message: moveError.message, tone: 'error', error: moveError })
      reload()
    }
  })

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const item = event.target instanceof HTMLElement && event.target.getAttribute('role') === 'treeitem' ? event.target : null
    const node = item ? byValue.get(item.dataset.value ?? '') : undefined
    if (!item || !node) return
    if (event.key === 'Enter') window.location.hash = collectionHref(node.id)
    else if (event.key === 'F2') dialogs.open({ kind: 'rename', node })
    else if (event.key === 'Delete') dialogs.open({ kind: 'delete', node })
    else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) item.querySelector<HTMLElement>('[data-row-menu]')?.click()
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <section className={classes.section} aria-labelledby="collections-tree-title">
      <Group justify="space-between" wrap="nowrap" className={classes.header} {...drag.topProps} data-drop-into={drag.dropInto === 'top' || undefined}>
        <Title order={2} id="collections-tree-title" className={classes.title}>
          Collections
        </Title>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label="New collection" onClick={() => dialogs.open({ kind: 'create', parent: null })}>
          <PlusIcon size={16} />
        </ActionIcon>
      </Group>
      {error && <ErrorAlert error={error} title="The collections could not be read" />}
      {roots && roots.length === 0 && (
        <Text size="xs" c="dimmed" px="xs">
          None yet.{' '}
          <Anchor component="button" type="button" size="xs" onClick={() => dialogs.open({ kind: 'create', parent: null })}>
            Create one
          </Anchor>{' '}
          to group files without copying them.
        </Text>
      )}
      {data.length > 0 && (
        <Tree
          data={data}
          tree={tree}
          expandOnClick={false}
          levelOffset="md"
          aria-label="Collections"
          onKeyDown={onKeyDown}
          renderNode={(payload) => {
            const node = byValue.get(payload.node.value)
            if (!node) return null
            return (
              <CollectionRow
                payload={payload}
                node={node}
                active={node.id === currentId}
                onAction={dialogs.open}
                onNavigate={onNavigate}
                dragProps={drag.rowProps(node)}
                dropInto={drag.dropInto === node.id}
              />
            )
          }}
        />
      )}
      {dialogs.element}
    </section>
  )
}
