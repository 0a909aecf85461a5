/** The last group of a recovery code ("ABCDE-…-VWXYZ" → "VWXYZ"). */
export const lastGroup = (code: string): string => code.split('-').at(-1) ?? code

/** Whether what was typed is that group (case and spaces ignored, as the key file reads codes). */
export const isLastGroup = (typed: string, code: string): boolean => {
  const group = lastGroup(code).toUpperCase()
  return group.length > 0 && typed.toUpperCase().replace(/\s+/g, '') === group
}
