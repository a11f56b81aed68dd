/**
 * Which of an episode's transcripts a player loads: the page's language first, then the richest format
 * (word-level JSON, WebVTT, SRT, HTML, text), trying the next when one cannot be fetched or read.
 */
import { parseTranscript } from '../entry/formats.js'
import type { ParseOptions, Transcript, TranscriptFormat } from '../model.js'
import type { FeedItem, FeedTranscript } from './feed.js'

/** Options of `pickTranscripts` and `loadTranscript`. */
export interface PickOptions {
  /** The page's language tag: transcripts in it come first (`en` matches `en-US` and the reverse). */
  language?: string
  /** MIME types the player reads; others are left out. Default: the five formats Castline reads. */
  accept?: readonly string[]
}

/** The format each known transcript MIME type is read as, in the order a player prefers them. */
const TYPES: ReadonlyArray<readonly [string, TranscriptFormat]> = [
  ['application/json', 'json'],
  ['text/vtt', 'vtt'],
  ['application/x-subrip', 'srt'],
  ['application/srt', 'srt'],
  ['text/srt', 'srt'],
  ['text/html', 'html'],
  ['text/plain', 'text'],
]
const RANK: Record<TranscriptFormat, number> = { json: 0, vtt: 1, srt: 2, html: 3, text: 4 }

/** `text/vtt; charset=utf-8` -> `text/vtt`. */
function baseType(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase()
}

/** The format a transcript MIME type is read as, or null for a type Castline does not read. */
export function transcriptFormatOf(type: string): TranscriptFormat | null {
  const base = baseType(type)
  for (const [t, format] of TYPES) if (t === base) return format
  return null
}

function sameLanguage(a: string, b: string): boolean {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x === y || x.startsWith(`${y}-`) || y.startsWith(`${x}-`)
}

/**
 * The item's transcripts in the order a player should try them: in the page's language first, then by
 * format (JSON, WebVTT, SRT, HTML, text), feed order within a tie. `rel="captions"` files count as
 * transcripts. Types the player does not read (not in `accept`, or unknown) are left out.
 */
export function pickTranscripts(item: FeedItem, options: PickOptions = {}): FeedTranscript[] {
  const accept = options.accept?.map(baseType)
  const language = options.language
  const ranked: Array<{ t: FeedTranscript; lang: number; type: number; at: number }> = []
  item.transcripts.forEach((t, at) => {
    const format = transcriptFormatOf(t.type)
    if (format === null) return
    if (accept !== undefined && !accept.includes(baseType(t.type))) return
    const lang =
      language !== undefined && t.language !== undefined && sameLanguage(t.language, language) ? 0 : 1
    ranked.push({ t, lang, type: RANK[format], at })
  })
  ranked.sort((a, b) => a.lang - b.lang || a.type - b.type || a.at - b.at)
  return ranked.map((r) => r.t)
}

/** One transcript tried by `loadTranscript`, and why it was not used when it was not. */
export interface TranscriptAttempt {
  url: string
  type: string
  /** Why this one was passed over (fetch failed, not readable, no lines); absent for the one used. */
  error?: string
}

/** What `loadTranscript` found. */
export interface LoadedTranscript {
  /** The transcript read, or null when none of the item's transcripts could be used. */
  transcript: Transcript | null
  /** The feed entry it came from. */
  source: FeedTranscript | null
  /** Every transcript tried, in order. */
  attempts: TranscriptAttempt[]
}

/** Options of `loadTranscript`. */
export interface LoadOptions extends PickOptions {
  /** Media duration in seconds (the item's `duration` when omitted): the last line of a file without ends ends here. */
  duration?: number
}

/**
 * Fetches and reads the item's transcripts in `pickTranscripts` order with `fetchText`, and returns the
 * first that reads into at least one line. A fetch that rejects, a file that is not its format, or one
 * without lines is recorded in `attempts` and the next is tried. Never rejects.
 */
export async function loadTranscript(
  item: FeedItem,
  fetchText: (url: string) => Promise<string>,
  options: LoadOptions = {},
): Promise<LoadedTranscript> {
  const attempts: TranscriptAttempt[] = []
  const duration = options.duration ?? item.duration
  for (const candidate of pickTranscripts(item, options)) {
    const attempt: TranscriptAttempt = { url: candidate.url, type: candidate.type }
    attempts.push(attempt)
    let text: string
    try {
      text = await fetchText(candidate.url)
    } catch (error) {
      attempt.error = `fetch failed: ${messageOf(error)}`
      continue
    }
    try {
      const parse: ParseOptions = { format: transcriptFormatOf(candidate.type)! }
      if (duration !== undefined) parse.duration = duration
      const transcript = parseTranscript(text, parse)
      if (transcript.cues.length === 0) {
        attempt.error = 'no lines in the file'
        continue
      }
      return { transcript, source: candidate, attempts }
    } catch (error) {
      attempt.error = `not readable: ${messageOf(error)}`
    }
  }
  return { transcript: null, source: null, attempts }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
