/**
 * Word grouping for readers whose source gives a word per segment (Podcasting 2.0 word-level JSON,
 * WhisperX word lists): joins the tokens into readable lines with their words.
 */
import type { Cue, Word } from '../model.js'
import { isSpace } from './lex.js'

/** Options for `groupWords`. */
export interface GroupWordsOptions {
  /** Longest line in characters before a break at a word boundary (default 120). */
  maxChars?: number
  /** A silence longer than this many seconds between words starts a new line (default 1.0). */
  maxPause?: number
  /**
   * Tokens carry the space before them (Whisper's `" word"`), so that a token without one continues the
   * token before it (`" don"` + `"'t"`). Default: when more than half of the tokens start with a space.
   */
  leadingSpace?: boolean
}

const DEFAULT_MAX_CHARS = 120
const DEFAULT_MAX_PAUSE = 1.0

// Abbreviations whose period does not end a sentence (lower case, without the period).
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'vs', 'approx'])

/**
 * Groups a word-per-segment stream (Podcasting 2.0 word-level JSON, Whisper words) into readable lines
 * with `words`: a new line at a speaker change, after a sentence end, after a pause longer than
 * `maxPause`, and before a word that would make the line longer than `maxChars`, but never before a
 * token that belongs to the word before it (closing punctuation, or a token without its own leading
 * space in a `leadingSpace` stream) unless the speaker changes. Words keep their stream order (the
 * order of the text); `normalize` sorts and clamps their timings later.
 */
export function groupWords(
  words: ReadonlyArray<Word & { speaker?: string }>,
  options: GroupWordsOptions = {},
): Cue[] {
  return group(
    words,
    words.map((w) => w.speaker),
    options,
    false,
    true,
  )
}

/**
 * `groupWords` for a reader that owns `words` (and nothing else refers to them): the word objects
 * become the lines' words, updated in place, rather than copied; `speakers[k]` is word k's speaker.
 */
export function groupOwnWords(
  words: Word[],
  speakers: ReadonlyArray<string | undefined>,
  options: GroupWordsOptions = {},
): Cue[] {
  return group(words, speakers, options, true, true)
}

const NO_SPEAKERS: ReadonlyArray<string | undefined> = []

/** The text of `words` as one line: the tokens joined as `groupWords` joins them, with no break. */
export function joinWords(words: ReadonlyArray<Word>, leadingSpace?: boolean): string {
  const options = leadingSpace === undefined ? {} : { leadingSpace }
  return group(words, NO_SPEAKERS, options, false, false)[0]?.text ?? ''
}

/**
 * `joinWords` for a reader that owns `words`: one line (without a speaker) of all of them, the word
 * objects trimmed and timed in place as `groupOwnWords` does; undefined when every token is blank.
 */
export function joinOwnWords(words: Word[], leadingSpace?: boolean): Cue | undefined {
  const options = leadingSpace === undefined ? {} : { leadingSpace }
  return group(words, NO_SPEAKERS, options, true, false)[0]
}

function group(
  words: ReadonlyArray<Word>,
  speakers: ReadonlyArray<string | undefined>,
  options: GroupWordsOptions,
  inPlace: boolean,
  breaks: boolean,
): Cue[] {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS
  const maxPause = options.maxPause ?? DEFAULT_MAX_PAUSE
  // In a stream where words carry their own leading space (Whisper), a token without one continues
  // the previous word (a split contraction such as "don" + "'t").
  let leadingSpaceStyle = options.leadingSpace
  if (leadingSpaceStyle === undefined) {
    let spaced = 0
    for (const w of words) if (w.text.length > 0 && isSpace(w.text.charCodeAt(0))) spaced++
    leadingSpaceStyle = spaced * 2 > words.length
  }

  const cues: Cue[] = []
  // The line's text as tokens and joiners, joined once at its end: one flat string per line rather
  // than a chain of concatenations that the first reader of the text would have to flatten.
  const parts: string[] = []
  let length = 0
  let lastToken = ''
  let line: Word[] = []
  let speaker: string | undefined
  let lastEnd = Number.NaN
  let breakAfter = false

  for (let k = 0; k < words.length; k++) {
    const w = words[k]!
    const raw = w.text
    // Most tokens need no trimming: look before calling into trim.
    const token = isSpace(raw.charCodeAt(0)) || isSpace(raw.charCodeAt(raw.length - 1)) ? raw.trim() : raw
    if (token === '') continue
    const glued = leadingSpaceStyle && line.length > 0 && !isSpace(raw.charCodeAt(0))
    const closing = isClosingPunctuation(token)
    const spaceBefore = line.length > 0 && !glued && !closing && !endsWithOpening(lastToken)
    const start = Number.isFinite(w.start) ? w.start : lastEnd
    const end = Number.isFinite(w.end) ? w.end : start
    const pause = start - lastEnd
    const who = speakers[k]
    const newSpeaker = who !== speaker
    if (breaks && line.length > 0) {
      // A token glued to the one before (`'t` after `don`) or closing punctuation belongs to that word:
      // only a new speaker starts a line with it, so that no line is a lone comma.
      const attached = glued || closing
      const tooLong = length + (spaceBefore ? 1 : 0) + token.length > maxChars
      if (newSpeaker || (!attached && (breakAfter || pause > maxPause || tooLong))) {
        cues.push(lineCue(line, parts.join(''), speaker))
        parts.length = 0
        length = 0
        line = []
      }
    }
    if (line.length === 0) speaker = who
    else if (spaceBefore) {
      parts.push(' ')
      length++
    }
    parts.push(token)
    length += token.length
    lastToken = token
    if (inPlace) {
      const own = w as Word
      own.start = start
      own.end = end
      if (token !== raw) own.text = token
      line.push(own)
    } else {
      line.push({ start, end, text: token })
    }
    if (Number.isFinite(end) && !(end <= lastEnd)) lastEnd = end
    // A closing mark after a sentence end (`father.` then `”`) keeps the pending break.
    breakAfter = closing ? breakAfter || endsSentence(token) : endsSentence(token)
  }
  if (line.length > 0) cues.push(lineCue(line, parts.join(''), speaker))
  // A line whose words all lacked times sits where its neighbours leave off, rather than being lost.
  let firstTimed = 0
  while (firstTimed < cues.length && !Number.isFinite(cues[firstTimed]!.start)) firstTimed++
  for (let k = 0; k < cues.length && firstTimed < cues.length; k++) {
    const cue = cues[k]!
    if (Number.isFinite(cue.start)) continue
    const at = k < firstTimed ? cues[firstTimed]!.start : cues[k - 1]!.end
    cue.start = at
    cue.end = at
    for (const w of cue.words!) {
      w.start = at
      w.end = at
    }
  }
  return cues
}

/** A line of `words` (not empty): from the earliest start to the latest end among its words. */
function lineCue(words: Word[], text: string, speaker: string | undefined): Cue {
  let start = Number.NaN
  let end = Number.NaN
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!
    if (Number.isFinite(w.start) && !(w.start >= start)) start = w.start
    if (Number.isFinite(w.end) && !(w.end <= end)) end = w.end
  }
  if (Number.isNaN(end) || end < start) end = start
  // Two literals rather than adding `speaker` afterwards: each keeps one stable shape.
  return speaker === undefined ? { start, end, text, words } : { start, end, text, words, speaker }
}

// The character tests below compare UTF-16 code units: every mark they name is a single unit.

// Punctuation that sits against the word before it (no space in front): , . ; : ! ? … % and the
// closing marks.
function isClosingPunctuation(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i)
    switch (c) {
      case 44: // ,
      case 46: // .
      case 59: // ;
      case 58: // :
      case 33: // !
      case 63: // ?
      case 0x2026: // …
      case 37: // %
        break
      default:
        if (!isClosingMark(c)) return false
    }
  }
  return true
}

// Closing brackets and quotes: ) ] } ” ’ » ' "
function isClosingMark(c: number): boolean {
  switch (c) {
    case 41:
    case 93:
    case 125:
    case 0x201d:
    case 0x2019:
    case 0xbb:
    case 39:
    case 34:
      return true
    default:
      return false
  }
}

// Ends in an opening bracket or quote or an inverted mark, which the next token sits against:
// ( [ { “ ‘ « ¿ ¡
function endsWithOpening(text: string): boolean {
  switch (text.charCodeAt(text.length - 1)) {
    case 40:
    case 91:
    case 123:
    case 0x201c:
    case 0x2018:
    case 0xab:
    case 0xbf:
    case 0xa1:
      return true
    default:
      return false
  }
}

function endsSentence(token: string): boolean {
  let i = token.length - 1
  // Closing quotes and brackets may follow the sentence mark: `"Stop."` or `(really?)`.
  while (i >= 0 && isClosingMark(token.charCodeAt(i))) i--
  if (i < 0) return false
  const c = token.charCodeAt(i)
  if (c === 63 || c === 33 || c === 0x2026) return true
  if (c !== 46) return false
  if (i >= 2 && token.charCodeAt(i - 1) === 46 && token.charCodeAt(i - 2) === 46) return true
  const word = token.slice(0, i).toLowerCase()
  if (ABBREVIATIONS.has(word)) return false
  // An initial ("J.") or dotted abbreviation ("e.g.", "U.S.") rarely ends a sentence.
  if (word.length === 1 && /[a-z]/i.test(word)) return false
  if (word.length >= 2 && word.length <= 5 && word.includes('.') && /^(?:[a-z]\.)+[a-z]$/i.test(word))
    return false
  return true
}
