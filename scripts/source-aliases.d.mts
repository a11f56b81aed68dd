export const sourceAliases: Array<{ find: RegExp; replacement: string }>
