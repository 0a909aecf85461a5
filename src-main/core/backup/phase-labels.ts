/** What a backup or move is doing, as the status area shows it (a job's `current`). */
const LABELS: Record<string, string> = {
  database: 'Copying the database',
  objects: 'Copying files',
  vault: 'Copying the diary (still encrypted)',
  finishing: 'Writing the manifest',
  copying: 'Copying files',
  closing: 'Closing the library for the last changes',
  'catching-up': 'Copying the last changes',
  verifying: 'Reading every copied file back',
  switching: 'Opening the library in its new folder',
}

export const phaseLabel = (phase: string): string => LABELS[phase] ?? phase
