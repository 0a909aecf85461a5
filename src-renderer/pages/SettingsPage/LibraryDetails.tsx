import { Code, DataList, Table, Text } from '@mantine/core'
import type { LibraryInfoDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'

/** Where the open library lives and what it holds. */
export function LibraryDetails({ library }: { library: LibraryInfoDto }) {
  const counts = Object.entries(library.counts).sort(([a], [b]) => a.localeCompare(b))
  return (
    <DataList labelWidth="10rem" gap="sm">
      <DataList.Item>
        <DataList.ItemLabel>Folder</DataList.ItemLabel>
        <DataList.ItemValue>
          <Code data-testid="library-path" fz="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {library.path}
          </Code>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Free space</DataList.ItemLabel>
        <DataList.ItemValue data-testid="free-space">
          {formatBytes(library.freeBytes)}
          <Text span size="xs" c="dimmed" ml={6}>
            when the library was opened
          </Text>
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Schema version</DataList.ItemLabel>
        <DataList.ItemValue data-testid="schema-version">{library.schemaVersion}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Database rows</DataList.ItemLabel>
        <DataList.ItemValue>
          {counts.length === 0 ? (
            <Text size="sm" c="dimmed">
              No tables yet
            </Text>
          ) : (
            <Table withTableBorder={false} verticalSpacing={2} horizontalSpacing="sm" maw={320} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Table</Table.Th>
                  <Table.Th ta="right">Rows</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {counts.map(([name, rows]) => (
                  <Table.Tr key={name}>
                    <Table.Td ff="monospace">{name}</Table.Td>
                    <Table.Td ta="right">{rows.toLocaleString('en')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  )
}
