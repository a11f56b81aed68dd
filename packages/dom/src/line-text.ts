import type { Cue, SearchMatch } from '@castline/core'

/** A word of a line as it appears on screen: a character range of `cue.text`. */
export interface TextToken {
  start: number
  end: number
  /** Index in `cue.words` when the line has word timings and this token is one of them; -1 otherwise. */
  word: number
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 160
}

/** Whitespace-separated words of `text`, by character scanning (no regular expression on a hot path). */
function splitWords(text: string): TextToken[] {
  const tokens: TextToken[] = []
  let i = 0
  const n = text.length
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++
    if (i >= n) break
    const start = i
    while (i < n && !isSpace(text.charCodeAt(i))) i++
    tokens.push({ start, end: i, word: -1 })
  }
  return tokens
}

/**
 * The words of a line with their place in `cue.text`. With word timings each timed word is found in the
 * text in order (case-insensitively, since a reader may have normalised one but not the other); a timed
 * word that cannot be found gets no token rather than a wrong one. Without timings: the words of the text.
 */
export function tokenizeCue(cue: Cue): TextToken[] {
  const text = cue.text
  const words = cue.words
  if (words === undefined || words.length === 0) return splitWords(text)
  const plain = splitWords(text)
  if (plain.length === words.length) {
    for (let i = 0; i < plain.length; i++) plain[i]!.word = i
    return plain
  }
  const lower = text.toLowerCase()
  const tokens: TextToken[] = []
  let cursor = 0
  for (let w = 0; w < words.length; w++) {
    const needle = words[w]!.text.trim().toLowerCase()
    if (needle === '') continue
    const at = lower.indexOf(needle, cursor)
    if (at < 0) continue
    tokens.push({ start: at, end: at + needle.length, word: w })
    cursor = at + needle.length
  }
  return tokens
}

/**
 * Which token is being spoken when the line has no word timings: the one under the character that is as
 * far through the text as `time` is through the cue (speech runs at a roughly even rate of characters).
 */
export function estimateToken(
  tokens: readonly TextToken[],
  textLength: number,
  cue: Cue,
  time: number,
): number {
  if (tokens.length === 0) return -1
  const span = cue.end - cue.start
  const fraction = span > 0 ? (time - cue.start) / span : 0
  const clamped = fraction < 0 ? 0 : fraction >= 1 ? 0.999999 : fraction
  const char = clamped * textLength
  // The last token starting at or before `char`.
  let lo = 0
  let hi = tokens.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (tokens[mid]!.start <= char) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** The token containing character `offset` (or the nearest one before it); -1 when there is none. */
export function tokenAtOffset(tokens: readonly TextToken[], offset: number): number {
  let found = -1
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.start > offset) break
    found = i
  }
  return found
}

/** A piece of a line's text between two boundaries: inside at most one token and at most one match. */
export interface TextPiece {
  start: number
  end: number
  /** Token index, or -1 for the spaces between words (or for every piece when tokens are not shown). */
  token: number
  /** Whether the piece is inside a search match, and whether that match is the current one. */
  match: 'none' | 'match' | 'current'
}

/**
 * Cuts `text` where a token or a search match starts or ends, so that a renderer can wrap words in spans
 * and matches in `<mark>` without ever parsing markup: the text is only ever sliced.
 */
export function splitPieces(
  textLength: number,
  tokens: readonly TextToken[] | null,
  matches: readonly SearchMatch[] | undefined,
  currentMatchStart: number,
): TextPiece[] {
  const cuts = new Set<number>([0, textLength])
  if (tokens !== null) {
    for (const t of tokens) {
      cuts.add(t.start)
      cuts.add(t.end)
    }
  }
  if (matches !== undefined) {
    for (const m of matches) {
      cuts.add(Math.max(0, Math.min(textLength, m.start)))
      cuts.add(Math.max(0, Math.min(textLength, m.end)))
    }
  }
  const points = [...cuts].sort((a, b) => a - b)
  const pieces: TextPiece[] = []
  let ti = 0
  let mi = 0
  for (let p = 0; p + 1 < points.length; p++) {
    const start = points[p]!
    const end = points[p + 1]!
    let token = -1
    if (tokens !== null) {
      while (ti < tokens.length && tokens[ti]!.end <= start) ti++
      const t = tokens[ti]
      if (t !== undefined && t.start <= start && end <= t.end) token = ti
    }
    let match: TextPiece['match'] = 'none'
    if (matches !== undefined) {
      while (mi < matches.length && matches[mi]!.end <= start) mi++
      const m = matches[mi]
      if (m !== undefined && m.start <= start && end <= m.end)
        match = m.start === currentMatchStart ? 'current' : 'match'
    }
    pieces.push({ start, end, token, match })
  }
  return pieces
}
