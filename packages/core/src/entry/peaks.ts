/**
 * `@castline/core/peaks`: reads BBC audiowaveform peaks (JSON or `.dat`) for a waveform, and turns them
 * into an overview of loudness (`loudnessEnvelope`).
 */
export {
  type EnvelopeOptions,
  loudnessEnvelope,
  type Peaks,
  PeaksParseError,
  parsePeaks,
} from '../peaks.js'
