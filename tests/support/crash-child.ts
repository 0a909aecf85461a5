/**
 * A child process that imports one file into a library and is killed (SIGKILL) at a chosen
 * step of the write order: argv = library, source, op, nth ("none" = no crash).
 * Prints "ACK <sha256>" only once the import is acknowledged (committed).
 */
import { systemClock } from '../../src-main/core/common/clock'
import { silentLogger } from '../../src-main/core/common/logger'
import { JobRegistry } from '../../src-main/core/jobs/job-registry'
import { createLibraryServices } from '../../src-main/core/library/library-services'
import { openLibrary } from '../../src-main/core/library/open-library'
import { faultyFs, type FaultRule } from './faulty-fs'

const [library, source, op, nth, match] = process.argv.slice(2) as [string, string, string, string, string?]
const rules: FaultRule[] = op === 'none' ? [] : [{ op: op as FaultRule['op'], errno: 'EIO', nth: Number(nth), action: 'kill', when: match ? (p) => p.includes(match) : undefined }]
const fs = faultyFs(rules)

async function main(): Promise<void> {
const lib = await openLibrary(fs, library, silentLogger)
const services = await createLibraryServices(lib, { fs, logger: silentLogger, clock: systemClock, jobs: new JobRegistry(systemClock) })
await services.integrity.startupReport
const summary = await services.imports.start([source], { keepFolders: false }).done
const file = summary.files[0]
if (file?.outcome === 'stored' || file?.outcome === 'duplicate') process.stdout.write(`ACK ${file.sha256}\n`)
else process.stdout.write(`FAIL ${file?.reasonCode}\n`)
await services.stop()
await lib.close()
}

void main()
