import { DataList } from '@mantine/core'
import type { AppInfoDto } from '../../../src-preload/contract'

const TRANSPORTS: Record<AppInfoDto['transport'], string> = {
  electron: 'Desktop window (Electron IPC)',
  loopback: 'Browser page served on 127.0.0.1 (loopback)',
  cli: 'Command line',
}

/** The app's version, how this window talks to it, and the versions of what it runs on. */
export function AboutDetails({ info }: { info: AppInfoDto }) {
  const rows: Array<[string, string | undefined]> = [
    ['App version', info.appVersion],
    ['Connection', TRANSPORTS[info.transport] ?? info.transport],
    ['Platform', info.platform],
    ['Node.js', info.versions.node],
    ['SQLite', info.versions.sqlite],
    ['Electron', info.versions.electron],
    ['Chromium', info.versions.chrome],
  ]
  return (
    <DataList labelWidth="10rem" gap="sm">
      {rows
        .filter((row): row is [string, string] => row[1] !== undefined)
        .map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
    </DataList>
  )
}
