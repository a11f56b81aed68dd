/**
 * `@castline/core`: what every player needs (the model, errors, timestamps, the time index, the sync
 * controller and its time sources, search), and no format code. Readers and writers are in subpath
 * entries: `@castline/core/formats` (all of them, with detection), `/vtt`, `/srt`, `/json`, `/html`,
 * `/text` (one each) and `/peaks` (waveform peaks); feeds, chapters, and the ad time map with quote links
 * are in `/feed`, `/chapters` and `/links`; see docs/ARCHITECTURE.md, "Entry points and bundle size".
 */
export { TranscriptParseError } from './errors.js'
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
export { type SearchMatch, searchTranscript } from './search.js'
export {
  inRuns,
  type RunInSlicesOptions,
  runInSlices,
  SLICE_BUDGET,
  type SlicedBuild,
  type SliceScheduler,
  slicedBuild,
  type WorkMeter,
} from './slices.js'
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
export { formatTimestamp, lastStartingBy, parseTimestamp } from './time.js'
export { buildTimeIndex, createTimeIndex, type TimeIndex, type WordHit } from './time-index.js'
