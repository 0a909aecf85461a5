import type { Migration } from 'kysely/migration'
import * as m0001 from './0001-library-meta'
import * as m0002 from './0002-library'
import * as m0003 from './0003-listing-indexes'
import * as m0004 from './0004-watched-folders'
import * as m0005 from './0005-diary'
import * as m0006 from './0006-preview-pipeline'
import * as m0007 from './0007-extracted-text'
import * as m0008 from './0008-folder-listings'

/**
 * Every migration, in order, by name. A static map (not a folder scan) so bundlers keep them.
 * Forward-only: names start with a 4-digit number, and the number is the schema version.
 */
export const migrations: Record<string, Migration> = {
  '0001-library-meta': m0001,
  '0002-library': m0002,
  '0003-listing-indexes': m0003,
  '0004-watched-folders': m0004,
  '0005-diary': m0005,
  '0006-preview-pipeline': m0006,
  '0007-extracted-text': m0007,
  '0008-folder-listings': m0008,
}
