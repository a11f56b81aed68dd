import { type Transcript, TranscriptParseError } from '@castline/core'
import { decodeTranscript, parseTranscript } from '@castline/core/formats'
import { type Peaks, parsePeaks } from '@castline/core/peaks'

/** Where loading something stands. */
export type Load<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly message: string; readonly error: unknown }

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Fetches and reads a transcript file: its bytes decoded (byte order mark, the response's charset), the
 * format told by the URL, the Content-Type and the text. Rejects with a readable message.
 */
export async function fetchTranscript(url: string, duration: number | undefined, signal: AbortSignal) {
  const res = await fetch(url, { signal })
  if (!res.ok) {
    throw new Error(
      `Could not load the transcript ${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
    )
  }
  const type = res.headers.get('content-type')
  const { text, warnings } = decodeTranscript(await res.arrayBuffer(), { charset: type })
  const options: Parameters<typeof parseTranscript>[1] = { fileName: url }
  if (type) options.mimeType = type.split(';')[0]!.trim()
  if (duration !== undefined) options.duration = duration
  const transcript = parseTranscript(text, options)
  transcript.warnings.unshift(...warnings)
  return transcript
}

/** Reads a transcript given as text, in any format (told from the text). */
export function readTranscriptText(text: string, duration: number | undefined): Transcript {
  return parseTranscript(text, duration === undefined ? {} : { duration })
}

/** Reads a Podcasting 2.0 HTML transcript already in the page (the element's own children). */
export function readPageTranscript(html: string, duration: number | undefined): Transcript {
  const options: Parameters<typeof parseTranscript>[1] = { format: 'html' }
  if (duration !== undefined) options.duration = duration
  return parseTranscript(html, options)
}

/** Fetches and reads a peaks file (audiowaveform JSON or `.dat`). */
export async function fetchPeaks(url: string, signal: AbortSignal): Promise<Peaks> {
  const res = await fetch(url, { signal })
  if (!res.ok) throw new Error(`Could not load the peaks ${url}: HTTP ${res.status}`)
  return parsePeaks(await res.arrayBuffer())
}

/** A failure's message for a listener: a parse error's own message names the format and line. */
export function describeError(error: unknown, what: string): string {
  if (error instanceof TranscriptParseError) return error.message
  const text = message(error)
  return text.startsWith('Could not') ? text : `Could not read the ${what}: ${text}`
}
