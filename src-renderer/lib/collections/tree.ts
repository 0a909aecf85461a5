import type { CollectionNodeDto } from '../../../src-preload/contract'

/** The collection with this id anywhere in the tree. */
export function findNode(nodes: readonly CollectionNodeDto[], id: number): CollectionNodeDto | null {
  for (const node of nodes) {
    if (node.id === id) return node
    const inner = findNode(node.children, id)
    if (inner) return inner
  }
  return null
}

/** The collections from the top level down to `id` (empty when it is not in the tree). */
export function pathTo(nodes: readonly CollectionNodeDto[], id: number): CollectionNodeDto[] {
  for (const node of nodes) {
    if (node.id === id) return [node]
    const inner = pathTo(node.children, id)
    if (inner.length > 0) return [node, ...inner]
  }
  return []
}

/** Every collection, depth first, with its depth and its path of names ("Trips › 2024"). */
export function flattenTree(nodes: readonly CollectionNodeDto[], depth = 0, names: string[] = []): Array<{ node: CollectionNodeDto; depth: number; path: string[] }> {
  return nodes.flatMap((node) => {
    const path = [...names, node.name]
    return [{ node, depth, path }, ...flattenTree(node.children, depth + 1, path)]
  })
}

/** The ids of a collection and everything below it. */
export function subtreeIds(node: CollectionNodeDto): Set<number> {
  const ids = new Set<number>([node.id])
  for (const child of node.children) for (const id of subtreeIds(child)) ids.add(id)
  return ids
}

/** Files in this collection and in every collection below it. */
export const totalFiles = (node: CollectionNodeDto): number => node.fileCount + node.children.reduce((n, c) => n + totalFiles(c), 0)

export const joinPath = (names: readonly string[]) => names.join(' › ')
