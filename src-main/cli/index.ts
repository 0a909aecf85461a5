import { appCommands } from './app.commands'
import type { Command } from './command'
import { importCommands } from './library-import.commands'
import { syncCommands } from './sync.commands'
import { libraryCommands } from './library.commands'
import { diaryCommands } from './diary.commands'

/** Every CLI command by name; each domain contributes one `<domain>.commands.ts`. */
export const commands: Record<string, Command> = {
  ...appCommands,
  ...importCommands,
  ...syncCommands,
  ...libraryCommands,
  ...diaryCommands,
}
