'use client'

/**
 * `@castline/react/provider`: `CastlineProvider` for a site that knows its transcript's format. It reads
 * text with the `parse` it is given (`parseVtt` from `@castline/core/vtt`...), so the site bundles that
 * one reader and not every format; the parts and hooks come from `@castline/react` as ever (one shared
 * context). A client module ('use client'), as every entry is (see src/index.ts).
 */
export { CastlineProvider } from '../lean-provider.js'
