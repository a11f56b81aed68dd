import { decodeTranscript, parseTranscript } from '@castline/core/formats'
import {
  type AllFormats,
  type TranscriptInput,
  type TranscriptLoad,
  useTranscriptLoad,
} from './transcript-load.js'

export * from './transcript-load.js'

/** The all-formats entry's reader and decoder, imported: what `CastlineProvider` reads text with by default. */
export const ALL_FORMATS: AllFormats = { parseTranscript, decodeTranscript }

/** `useTranscriptLoad` with every format at hand: text is read at once, also on a server. */
export function useTranscriptInput(input: TranscriptInput, duration?: number): TranscriptLoad {
  return useTranscriptLoad(input, duration, undefined, ALL_FORMATS)
}
