import { appCommands } from './app.commands'
import type { Command } from './command'

/** Every CLI command by name; each domain contributes one `<domain>.commands.ts`. */
export const commands: Record<string, Command> = {
  ...appCommands,
}
