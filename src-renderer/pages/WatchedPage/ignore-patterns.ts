/** As `sync:add-folder` takes them: at most 200, each 1–500 characters. */
const MAX_PATTERNS = 200
const MAX_LENGTH = 500

/** The ignore box's lines as patterns (blank lines dropped, repeats once), or what is wrong. */
export function parseIgnorePatterns(text: string): { list: string[]; error: string | null } {
  const list = [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))]
  if (list.length > MAX_PATTERNS) return { list, error: `At most ${MAX_PATTERNS} patterns; this has ${list.length}.` }
  const long = list.find((p) => p.length > MAX_LENGTH)
  if (long) return { list, error: `A pattern has at most ${MAX_LENGTH} characters: “${long.slice(0, 40)}…”` }
  return { list, error: null }
}
