import { TranscriptParseError } from './errors.js'
import { detectFormat } from './formats/detect.js'
import { readPodcastHtml, writePodcastHtml } from './formats/podcast-html.js'
import { readPodcastJson, writePodcastJson } from './formats/podcast-json.js'
import { readSrt, writeSrt } from './formats/srt.js'
import { readText, writeText } from './formats/text.js'
import type { ReadResult } from './formats/types.js'
import { readVtt, writeVtt } from './formats/webvtt.js'
import type { ParseOptions, Transcript, TranscriptFormat } from './model.js'
import { checkSource, readWith } from './read.js'

const readers: Record<TranscriptFormat, (source: string) => ReadResult> = {
  text: readText,
  vtt: readVtt,
  srt: readSrt,
  json: readPodcastJson,
  html: readPodcastHtml,
}

const writers: Record<TranscriptFormat, (transcript: Transcript) => string> = {
  text: writeText,
  vtt: writeVtt,
  srt: writeSrt,
  json: writePodcastJson,
  html: writePodcastHtml,
}

/**
 * Reads a transcript in any supported format (detected when `options.format` is omitted) into plain-text
 * cues sorted by start. Throws `TranscriptParseError` when the source is not a transcript at all; a broken
 * cue inside a good file is skipped and reported in `warnings`.
 */
export function parseTranscript(source: string, options: ParseOptions = {}): Transcript {
  checkSource(source, options.format ?? null)
  const hint: { fileName?: string; mimeType?: string } = {}
  if (options.fileName !== undefined) hint.fileName = options.fileName
  if (options.mimeType !== undefined) hint.mimeType = options.mimeType
  const format = options.format ?? detectFormat(source, hint)
  if (format === null) {
    throw new TranscriptParseError(null, 1, 'a transcript (WebVTT, SRT, JSON, HTML or timestamped text)')
  }
  const read = readers[format]
  if (read === undefined) throw new TranscriptParseError(null, 1, `a known format`, String(format))
  return readWith(read, format, source, options.duration)
}

/** Writes a transcript in the given format; reading the output back gives the same cues (to the millisecond). */
export function formatTranscript(transcript: Transcript, format: TranscriptFormat): string {
  const write = writers[format]
  if (write === undefined) throw new TypeError(`Unknown transcript format: ${String(format)}`)
  return write(transcript)
}
