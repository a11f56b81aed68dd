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
