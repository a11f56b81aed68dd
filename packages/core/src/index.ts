export { TranscriptParseError } from './errors.js'
export { detectFormat } from './formats/detect.js'
export type {
  Cue,
  ParseOptions,
  ParseWarning,
  Transcript,
  TranscriptFormat,
  WarningCode,
  Word,
} from './model.js'
export { TRANSCRIPT_FORMATS } from './model.js'
export { formatTranscript, parseTranscript } from './parse.js'
export { type Peaks, PeaksParseError, parsePeaks } from './peaks.js'
export { type SearchMatch, searchTranscript } from './search.js'
export { createManualSource, type ManualSource, type ManualSourceOptions } from './sources/manual.js'
export {
  createMediaElementSource,
  type MediaElementLike,
  type MediaElementSource,
} from './sources/media-element.js'
export {
  SyncController,
  type SyncControllerOptions,
  type SyncSnapshot,
  type TimeSource,
  type TimeSourceEvent,
} from './sync.js'
export { formatTimestamp, parseTimestamp } from './time.js'
export { createTimeIndex, type TimeIndex, type WordHit } from './time-index.js'
