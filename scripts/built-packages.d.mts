export function stalePackages(): string[]
export function ensureBuilt(): Promise<string[]>
