/**
 * `@castline/core/formats`: every transcript format, read with detection (`parseTranscript`) and written
 * (`formatTranscript`), and the bytes of a file or response decoded into the text they read
 * (`decodeTranscript`). A site that knows its format can import just that one from `@castline/core/vtt`,
 * `/srt`, `/json`, `/html` or `/text` instead; see docs/ARCHITECTURE.md, "Entry points and bundle size".
 */
export { type DecodedTranscript, type DecodeOptions, decodeTranscript } from '../decode.js'
export { detectFormat, type FormatHint } from '../formats/detect.js'
export type { ParseOptions, TranscriptFormat } from '../model.js'
export { formatTranscript, parseTranscript } from '../parse.js'
