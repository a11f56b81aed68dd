import type { build, InlineConfig } from 'vite'
export function productionBuild(config: InlineConfig): ReturnType<typeof build>
