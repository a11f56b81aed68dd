import type { TranscriptFormat } from './model.js'

/** Thrown when a source cannot be read as a transcript at all. Names the format and the 1-based line. */
export class TranscriptParseError extends Error {
  override name = 'TranscriptParseError'
  /** The format being read, or null when none could be detected. */
  readonly format: TranscriptFormat | null
  /** 1-based line of the source where reading failed (1 when the whole source is at fault). */
  readonly line: number
  /** What the reader expected to find there. */
  readonly expected: string

  constructor(format: TranscriptFormat | null, line: number, expected: string, found?: string) {
    const where = `${format ?? 'transcript'} line ${line}`
    super(
      `${where}: expected ${expected}${found === undefined ? '' : `, found ${JSON.stringify(clip(found))}`}`,
    )
    this.format = format
    this.line = line
    this.expected = expected
  }
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** Thrown when a feed cannot be read: malformed XML, over a limit, or not an RSS feed. Names the 1-based line. */
export class FeedParseError extends Error {
  override name = 'FeedParseError'
  /** Always 'rss': the format being read. */
  readonly format = 'rss'
  /** 1-based line of the source where reading failed (1 when the whole source is at fault). */
  readonly line: number
  /** What the reader expected to find there. */
  readonly expected: string

  constructor(line: number, expected: string, found?: string) {
    super(
      `rss line ${line}: expected ${expected}${found === undefined ? '' : `, found ${JSON.stringify(clip(found))}`}`,
    )
    this.line = line
    this.expected = expected
  }
}

/** Thrown when a chapters file cannot be read at all. Names the format and the 1-based line. */
export class ChaptersParseError extends Error {
  override name = 'ChaptersParseError'
  /** The format being read: Podcasting 2.0 chapters JSON or a WebVTT chapter track. */
  readonly format: 'json' | 'vtt'
  /** 1-based line of the source where reading failed (1 when the whole source is at fault). */
  readonly line: number
  /** What the reader expected to find there. */
  readonly expected: string

  constructor(format: 'json' | 'vtt', line: number, expected: string, found?: string) {
    super(
      `chapters ${format} line ${line}: expected ${expected}${found === undefined ? '' : `, found ${JSON.stringify(clip(found))}`}`,
    )
    this.format = format
    this.line = line
    this.expected = expected
  }
}
