/** The outcome filter's choices, in the words the badges use. */
export const IMPORT_OUTCOME_OPTIONS = [
  { value: 'all', label: 'All outcomes' },
  { value: 'stored', label: 'Added' },
  { value: 'duplicate', label: 'Already in library' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'failed', label: 'Failed' },
]
