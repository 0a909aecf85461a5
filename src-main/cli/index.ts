import { appCommands } from './app.commands'
import type { Command } from './command'
import { importCommands } from './library-import.commands'
import { syncCommands } from './sync.commands'
import { previewsCommands } from './previews.commands'
import { libraryCommands } from './library.commands'
import { backupCommands } from './backup.commands'
import { exportCommands } from './export.commands'
import { diaryCommands } from './diary.commands'

/** Every CLI command by name; each domain contributes one `<domain>.commands.ts`. */
export const commands: Record<string, Command> = {
  ...appCommands,
  ...importCommands,
  ...syncCommands,
  ...libraryCommands,
  ...previewsCommands,
  ...backupCommands,
  ...exportCommands,
  ...diaryCommands,
}
