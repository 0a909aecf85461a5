import { ActionIcon, Menu, UnstyledButton, type RenderTreeNodePayload } from '@mantine/core'
import type { DragEvent } from 'react'
import type { CollectionNodeDto } from '../../../src-preload/contract'
import { collectionHref } from '../../lib/collections/use-collection-route'
import type { CollectionAction } from '../CollectionDialogs'
import { dropTargetProps } from '../DropOverlay'
import { PlusIcon, TrashIcon } from '../icons/file-icons'
import { ChevronIcon, DotsIcon, MoveIcon, PencilIcon } from '../icons/import-icons'
import { FolderIcon } from '../icons/nav-icons'
import classes from './CollectionsTree.module.css'

export interface CollectionRowProps {
  payload: RenderTreeNodePayload
  node: CollectionNodeDto
  active: boolean
  onAction: (action: CollectionAction) => void
  onNavigate?: () => void
  /** Dragging this row to move it, and dropping another collection onto it. */
  dragProps: {
    draggable: boolean
    onDragStart: (event: DragEvent) => void
    onDragEnd: () => void
    onDragOver: (event: DragEvent) => void
    onDragLeave: (event: DragEvent) => void
    onDrop: (event: DragEvent) => void
  }
  /** A dragged collection would go inside this one. */
  dropInto: boolean
}

/**
 * One collection in the sidebar: the arrow that opens it, its name (a link to its page), how
 * many files it holds, and a menu of what can be done with it. Files dropped on it go into it.
 */
export function CollectionRow({ payload, node, active, onAction, onNavigate, dragProps, dropInto }: CollectionRowProps) {
  const { elementProps, hasChildren, expanded, tree } = payload
  return (
    <div
      {...elementProps}
      {...dragProps}
      {...dropTargetProps(node.id, node.name, 'row')}
      className={`${elementProps.className} ${classes.row}`}
      data-active={active || undefined}
      data-drop-into={dropInto || undefined}
      data-testid="collection-row"
    >
      {hasChildren ? (
        <UnstyledButton
          className={classes.chevron}
          data-expanded={expanded || undefined}
          tabIndex={-1}
          aria-label={expanded ? `Close ${node.name}` : `Open ${node.name}`}
          onClick={(event) => {
            event.stopPropagation()
            tree.toggleExpanded(String(node.id))
          }}
        >
          <ChevronIcon size={14} />
        </UnstyledButton>
      ) : (
        <span className={classes.chevron} aria-hidden="true" />
      )}
      <a className={classes.name} data-drop-label href={collectionHref(node.id)} tabIndex={-1} draggable={false} onClick={onNavigate} aria-current={active ? 'page' : undefined} title={node.name}>
        {node.name}
      </a>
      <span className={classes.count} aria-label={`${node.fileCount} files`}>
        {node.fileCount > 0 ? node.fileCount.toLocaleString() : ''}
      </span>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            className={classes.menuButton}
            aria-label={`Actions for ${node.name}`}
            data-row-menu
            onClick={(event) => event.stopPropagation()}
          >
            <DotsIcon size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<PlusIcon size={16} />} onClick={() => onAction({ kind: 'create', parent: node })}>
            New collection inside…
          </Menu.Item>
          <Menu.Item leftSection={<PencilIcon size={16} />} onClick={() => onAction({ kind: 'rename', node })}>
            Rename…
          </Menu.Item>
          <Menu.Item leftSection={<MoveIcon size={16} />} onClick={() => onAction({ kind: 'move', node })}>
            Move to…
          </Menu.Item>
          <Menu.Item leftSection={<FolderIcon size={16} />} onClick={() => onAction({ kind: 'export', node })}>
            Export…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<TrashIcon size={16} />} onClick={() => onAction({ kind: 'delete', node })}>
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  )
}
