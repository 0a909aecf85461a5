/**
 * Passphrase strength from the zxcvbn estimator. Its dictionaries are large, so they are loaded
 * on first use (a separate chunk), not with the app.
 */
export interface StrengthResult {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4
  warning: string | null
  suggestions: string[]
}

/** The least score a new diary passphrase must reach. */
export const MIN_PASSPHRASE_SCORE = 3

type Checker = (passphrase: string) => StrengthResult

let loading: Promise<Checker> | null = null

export function loadStrengthChecker(): Promise<Checker> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, en]) => {
      const factory = new core.ZxcvbnFactory({
        translations: en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary },
      })
      return (passphrase: string) => {
        const result = factory.check(passphrase.slice(0, 200))
        return { score: result.score, warning: result.feedback.warning || null, suggestions: result.feedback.suggestions }
      }
    },
  )
  loading.catch(() => (loading = null))
  return loading
}

export const STRENGTH_LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const
