import type { ReactNode } from 'react'
import { type CastlineProviderProps, useCastlineProvider } from './provider.js'

// A dynamic import: a bundler gives the all-formats reader a chunk of its own, loaded only when a
// transcript has to be read without `parse` (or a fetched file decoded).
const loadFormats = () => import('@castline/core/formats')

/**
 * `CastlineProvider` without the all-formats reader in its bundle: a string transcript is read with
 * `parse` (a format entry's reader, `parseVtt` from `@castline/core/vtt`) at once, also on a server.
 * Without `parse`, and to decode a fetched file's bytes, it loads `@castline/core/formats` on demand:
 * until then the transcript is loading (on a server it stays so).
 */
export function CastlineProvider(props: CastlineProviderProps): ReactNode {
  return useCastlineProvider(props, loadFormats)
}
