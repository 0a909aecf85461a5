/**
 * The renderer's Content-Security-Policy, declared once: the built index.html carries it as a
 * meta tag, and Electron and the loopback server also send it as a header. No inline or remote
 * script, no eval, no plugins, no framing; bytes come from the app itself or the trove:
 * protocol (originals, previews and diary media by id or hash only).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine sets CSS variables through style attributes and one style element.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: trove:",
  "media-src 'self' blob: trove:",
  "font-src 'self' data:",
  "connect-src 'self' trove:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** Headers-only directives (ignored in a meta tag). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/** The relaxed policy of the development server: Vite's HMR client needs inline script and ws. */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self' trove:", "connect-src 'self' trove: ws://localhost:* ws://127.0.0.1:*")
