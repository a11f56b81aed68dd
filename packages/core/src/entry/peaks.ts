/** `@castline/core/peaks`: reads BBC audiowaveform peaks (JSON or `.dat`) for a waveform. */
export { type Peaks, PeaksParseError, parsePeaks } from '../peaks.js'
