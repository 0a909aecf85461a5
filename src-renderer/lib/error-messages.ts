import type { ErrorCode, ErrorDto } from '../../src-preload/contract'

/**
 * A human sentence for every error code of the contract. The record is exhaustive, so a code
 * added to the contract without a message here is a compile error. The server's own message
 * (which says which file or folder) is always shown beside it.
 */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Something in the request is not valid.',
  UNKNOWN_METHOD: 'This version of Trove does not know that action.',
  NOT_FOUND: 'That item or folder could not be found.',
  ALREADY_EXISTS: 'Something with that name already exists.',
  TOO_LARGE: 'That is larger than Trove accepts.',
  UNSUPPORTED_TYPE: 'Trove cannot store that kind of file.',
  NO_SPACE: 'There is not enough free space on the disk.',
  PERMISSION_DENIED: 'Trove is not allowed to read or write there.',
  NOT_A_FOLDER: 'That path is a file, not a folder.',
  SOURCE_CHANGED: 'The file changed while Trove was reading it, so nothing was kept.',
  LIBRARY_NOT_OPEN: 'No library is open yet.',
  VAULT_LOCKED: 'The diary is locked: unlock it with your passphrase first.',
  BAD_PASSPHRASE: 'That passphrase is not right.',
  VAULT_EXISTS: 'The diary is already set up in this library.',
  VAULT_NOT_SET_UP: 'The diary has not been set up yet: choose a passphrase in the Diary section first.',
  CORRUPT: 'The data is damaged and could not be read.',
  CANCELLED: 'The operation was cancelled.',
  FORBIDDEN: 'That is not allowed.',
  UNAVAILABLE: 'Trove cannot do that right now.',
  FOLDER_NOT_EMPTY: 'That folder already holds other files: choose an empty or new folder.',
  NOT_A_BACKUP: 'That folder is not a Trove backup.',
  BACKUP_INCOMPLETE: 'That backup is incomplete (it was interrupted): run the backup again before restoring from it.',
  INSIDE_LIBRARY: 'That folder is inside another Trove library: choose a folder outside it.',
  INTERNAL: 'Something went wrong inside Trove.',
}

/** The human sentence for an error's code. */
export function describeError(error: Pick<ErrorDto, 'code'>): string {
  return ERROR_MESSAGES[error.code] ?? ERROR_MESSAGES.INTERNAL
}
