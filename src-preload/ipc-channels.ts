/** The only two IPC channels Trove uses: one for calls, one for events. */
export const IPC_CALL_CHANNEL = 'trove:call'
export const IPC_EVENT_CHANNEL = 'trove:event'

export interface IpcEventMessage {
  name: string
  payload: unknown
}
