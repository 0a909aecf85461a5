/** The loopback transport's wire names, shared by the browser bridge and the server. */
export const LOOPBACK_TOKEN_HEADER = 'x-trove-token'
export const LOOPBACK_TOKEN_META = 'trove-token'
export const LOOPBACK_CALL_PATH = '/api/call'
export const LOOPBACK_EVENTS_PATH = '/api/events'
