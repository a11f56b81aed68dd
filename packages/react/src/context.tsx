import type { ReactNode } from 'react'
import { type CastlineProviderProps, useCastlineProvider } from './provider.js'
import { ALL_FORMATS } from './use-transcript-input.js'

export * from './provider.js'

/**
 * Shares one `SyncController`, one media element, the transcript, follow mode and search with every
 * Castline part inside it. Reads a transcript's text in any format `@castline/core/formats` reads (at
 * once, also on a server), or with `parse` when given; `@castline/react/provider` has the same provider
 * without the all-formats reader bundled.
 */
export function CastlineProvider(props: CastlineProviderProps): ReactNode {
  return useCastlineProvider(props, ALL_FORMATS)
}
