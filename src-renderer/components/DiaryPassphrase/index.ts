export { NewPassphraseFields, type NewPassphrase } from './NewPassphraseFields'
export { PassphraseStrength } from './PassphraseStrength'
export { loadStrengthChecker, MIN_PASSPHRASE_SCORE } from './passphrase-strength'
