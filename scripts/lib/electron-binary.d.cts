export function findElectronBinary(): string | null
export function installElectronBinary(): { binary?: string; reason?: string }
export function displayProblem(): string | null
