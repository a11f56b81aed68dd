export function chromiumPath(): string | undefined
export const chromiumArgs: string[]
export function chromiumLaunchOptions(): { headless: boolean; args: string[]; executablePath?: string }
