import type { Generated } from 'kysely'

/** `library_meta`: facts about this library folder itself (id, when it was created). */
export interface LibraryMetaRow {
  key: string
  value: string
}

/** `settings`: per-library settings as JSON values, by key. */
export interface SettingRow {
  key: string
  value_json: string
  updated_at: Generated<string>
}

/** The kysely view of trove.db. Each migration that adds a table adds its row type here. */
export interface Database {
  library_meta: LibraryMetaRow
  settings: SettingRow
}
