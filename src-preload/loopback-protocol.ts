/** The loopback transport's wire names, shared by the browser bridge and the server. */
export const LOOPBACK_TOKEN_HEADER = 'x-trove-token'
export const LOOPBACK_TOKEN_META = 'trove-token'
export const LOOPBACK_CALL_PATH = '/api/call'
export const LOOPBACK_EVENTS_PATH = '/api/events'
/**
 * Library bytes by hash: GET /content/original/<sha256>?t=<token> and /content/thumb/<sha256>?t=<token>;
 * diary media by id (while unlocked): /content/diary/<id>?t=<token> and /content/diary-thumb/<id>?t=<token>.
 */
export const LOOPBACK_CONTENT_PREFIX = '/content'
/** The read-only content token (not the call token) the served page carries for those URLs. */
export const LOOPBACK_CONTENT_TOKEN_META = 'trove-content-token'
export const LOOPBACK_CONTENT_TOKEN_PARAM = 't'
