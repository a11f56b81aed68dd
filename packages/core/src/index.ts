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
export { TranscriptParseError } from './errors.js'
export { parseTranscript, formatTranscript } from './parse.js'
export { detectFormat } from './formats/detect.js'
export { createTimeIndex, type TimeIndex } from './time-index.js'
export { searchTranscript, type SearchMatch } from './search.js'
export {
  SyncController,
  type SyncControllerOptions,
  type SyncSnapshot,
  type TimeSource,
} from './sync.js'
export { createMediaElementSource } from './sources/media-element.js'
export { createManualSource, type ManualSource } from './sources/manual.js'
export { parsePeaks, type Peaks } from './peaks.js'
export { formatTimestamp, parseTimestamp } from './time.js'
