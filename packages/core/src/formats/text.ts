/**
 * Plain timestamped text: one cue per line, `HH:MM:SS text` (also `H:MM:SS`, `MM:SS`, fractions,
 * `[00:01:02]`/`(00:01:02)` stamps, a separator after the stamp and `Speaker: ` prefixes). The format has
 * no end times: every cue's end is NaN and `normalize` infers it from the next start.
 */
import { TranscriptParseError } from '../errors.js'
import type { Cue, ParseWarning, Transcript } from '../model.js'
import { collapseWhitespace, normalizeNewlines } from '../text.js'
import { formatTimestamp } from '../time.js'
import { CLOCK_STAMP, type Cursor, isBlank, scanClockMs } from './lex.js'
import { findSpeakerPrefix, isSpeakerName } from './speaker.js'
import type { ReadResult } from './types.js'

/**
 * Reads a clock stamp (`HH:MM:SS`, `H:MM:SS`, `MM:SS`, with an optional `.fff`/`,fff` fraction, optionally
 * in `[]` or `()`) at `s[from]`, ending before `to`. Returns whole milliseconds and sets `at.pos` after
 * the stamp, or returns NaN when `s` does not start with one there. The stamp must be followed by
 * whitespace, a separator or the end, so that "10:30am" or "3:1 ratio" are not stamps.
 */
export function scanStamp(s: string, from: number, to: number, at: Cursor): number {
  let i = from
  let close = 0
  const first = s.charCodeAt(i)
  if (first === 91) close = 93
  else if (first === 40) close = 41
  if (close !== 0) i++
  const ms = scanClockMs(s, i, to, at, CLOCK_STAMP)
  if (Number.isNaN(ms)) return ms
  i = at.pos
  if (close !== 0) {
    if (s.charCodeAt(i) !== close) return Number.NaN
    i++
  }
  if (i < to) {
    const c = s.charCodeAt(i)
    if (!isBlank(c) && !isSeparator(c)) return Number.NaN
  }
  at.pos = i
  return ms
}

/**
 * Marks a cue text to be taken as written: a WORD JOINER (U+2060, invisible) right after the stamp and
 * separator. The writer puts one in front of a text that would otherwise read as something else (a
 * separator, a speaker prefix, a voice tag); the reader drops it.
 */
const LITERAL = 0x2060

/**
 * Reads timestamped text. A line without a stamp continues the cue before it; before the first cue it
 * is a header, kept as an `untimed-line` warning. Throws `TranscriptParseError` when no line starts with a
 * timestamp.
 */
export function readText(source: string): ReadResult {
  const s = normalizeNewlines(source)
  const cues: Cue[] = []
  // Source lines of the cues, in a typed array: a plain array of 100,000 numbers costs GC time.
  let lines = new Int32Array(64)
  const warnings: ParseWarning[] = []
  const at: Cursor = { pos: 0 }
  let current: Cue | undefined
  let firstText: string | undefined
  let lineNo = 0
  let pos = 0
  const length = s.length
  while (pos <= length) {
    let eol = s.indexOf('\n', pos)
    if (eol === -1) eol = length
    lineNo++
    let a = pos
    let b = eol
    while (a < b && isBlank(s.charCodeAt(a))) a++
    while (b > a && isBlank(s.charCodeAt(b - 1))) b--
    pos = eol + 1
    if (a === b) continue
    const ms = scanStamp(s, a, b, at)
    if (Number.isNaN(ms)) {
      const text = clean(s.slice(a, b))
      if (current !== undefined) {
        // A stamp on its own line (as YouTube copies it): this line is the cue's text.
        if (current.text === '') setText(current, text, true)
        else current.text = `${current.text} ${text}`
      } else {
        firstText ??= text
        warnings.push({
          line: lineNo,
          code: 'untimed-line',
          message: `Line before the first timestamp kept aside: ${text}`,
        })
      }
      continue
    }
    let from = skipSeparator(s, at.pos, b)
    const literal = from < b && s.charCodeAt(from) === LITERAL
    if (literal) from++
    current = { start: ms / 1000, end: Number.NaN, text: '' }
    setText(current, clean(s.slice(from, b)), !literal)
    if (cues.length === lines.length) {
      const grown = new Int32Array(lines.length * 2)
      grown.set(lines)
      lines = grown
    }
    lines[cues.length] = lineNo
    cues.push(current)
  }
  if (cues.length === 0) {
    throw new TranscriptParseError('text', 1, 'a line starting with a timestamp such as 00:01:02', firstText)
  }
  carrySpeakers(cues)
  // A stamp with no text at all says nothing; drop it, but say so.
  let kept = 0
  for (let k = 0; k < cues.length; k++) {
    const cue = cues[k]!
    if (cue.text === '') {
      warnings.push({ line: lines[k]!, code: 'empty-cue', message: 'Timestamp without text skipped' })
      continue
    }
    cues[kept] = cue
    lines[kept] = lines[k]!
    kept++
  }
  cues.length = kept
  return { cues, warnings, lines: lines.subarray(0, kept) }
}

/**
 * Sets a cue's text and, when `speakers` allows, the speaker it starts with (see `speaker.ts`: a voice
 * tag, a bracketed label or `Name:`). A voice tag's closing `</v>` at the end goes with it.
 */
function setText(cue: Cue, text: string, speakers: boolean): void {
  const prefix = speakers ? findSpeakerPrefix(text) : null
  if (prefix === null) {
    cue.text = text
    return
  }
  cue.speaker = prefix.name
  let rest = text.slice(prefix.rest)
  if (text.charCodeAt(0) === 60 && rest.endsWith('</v>')) rest = rest.slice(0, -4).trimEnd()
  cue.text = rest
}

/**
 * Writes `HH:MM:SS text` per cue (`HH:MM:SS.mmm` when a start has milliseconds) with `Speaker: ` when the
 * speaker changes. The format has no end times: reading it back keeps starts and text, ends are inferred.
 */
export function writeText(transcript: Transcript): string {
  const cues = transcript.cues
  // The reader carries a label forward only in a labelled dialogue (see carrySpeakers); otherwise every
  // line of a speaker needs its label.
  const named = new Set<string>()
  for (const cue of cues) {
    if (cue.speaker === undefined) continue
    named.add(cue.speaker)
    if (named.size > 1) break
  }
  const labelEveryLine = cues[0]?.speaker === undefined && named.size < 2
  const parts: string[] = []
  let speaker: string | undefined
  for (const cue of cues) {
    const whole = Math.round(cue.start * 1000) % 1000 === 0
    let line = formatTimestamp(cue.start, whole ? 'hms' : 'vtt')
    let text = collapseWhitespace(cue.text)
    const name = cue.speaker === undefined ? '' : collapseWhitespace(cue.speaker)
    // A text that itself looks like a label would be read as one: restate the speaker in front of it.
    const restate = name !== '' && findSpeakerPrefix(text) !== null
    if (name !== '' && (cue.speaker !== speaker || labelEveryLine || restate)) {
      speaker = cue.speaker
      // A name that the `Name:` rule would not take (`the host`, `Note`) goes in a voice tag.
      // The reader drops one closing `</v>` after a voice tag: a text that ends in one gets another.
      if (isSpeakerName(name) && name.indexOf(':') === -1) text = `${name}: ${text}`
      else text = `<v ${name}>${text}${text.endsWith('</v>') ? '</v>' : ''}`
    } else if (readsAsMore(text)) {
      text = `${String.fromCharCode(LITERAL)}${text}`
    }
    if (text !== '') line += ` ${text}`
    parts.push(line)
  }
  return parts.length === 0 ? '' : `${parts.join('\n\n')}\n`
}

/** True when the reader would not take `text`, written after a stamp, as exactly that text. */
function readsAsMore(text: string): boolean {
  if (text === '') return false
  const c = text.charCodeAt(0)
  if (c === LITERAL) return true
  if (skipSeparator(text, 0, text.length) !== 0) return true
  return findSpeakerPrefix(text) !== null
}

/**
 * A label holds for the unlabelled lines after it when the file is written as a labelled dialogue (the
 * writer labels only speaker changes): its first cue is labelled, or it labels two or more speakers.
 * Auto transcripts that label one voice now and then (Talk Python 296) keep each label on its own line:
 * carrying it forward would hand the host's lines to the guest.
 */
function carrySpeakers(cues: Cue[]): void {
  const first = cues[0]?.speaker
  let other: string | undefined
  if (first === undefined) {
    let one: string | undefined
    for (const cue of cues) {
      if (cue.speaker === undefined) continue
      if (one === undefined) one = cue.speaker
      else if (cue.speaker !== one) {
        other = cue.speaker
        break
      }
    }
    if (other === undefined) return
  }
  let speaker: string | undefined
  for (const cue of cues) {
    if (cue.speaker !== undefined) speaker = cue.speaker
    else if (speaker !== undefined) cue.speaker = speaker
  }
}

function skipSeparator(s: string, from: number, to: number): number {
  let i = from
  while (i < to && isBlank(s.charCodeAt(i))) i++
  if (i < to && isSeparator(s.charCodeAt(i))) {
    let j = i + 1
    // "--" counts as one separator.
    if (j < to && s.charCodeAt(j) === s.charCodeAt(i)) j++
    if (j === to || isBlank(s.charCodeAt(j))) {
      i = j
      while (i < to && isBlank(s.charCodeAt(i))) i++
    }
  }
  return i
}

// Collapses only when there is something to collapse: most lines are already clean, and this scan is
// cheaper than a regular expression over every line.
function clean(text: string): string {
  let space = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 32) {
      if (space) return collapseWhitespace(text)
      space = true
    } else if (
      c < 32 ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x3000 && /\s/.test(text.charAt(i)))
    ) {
      return collapseWhitespace(text)
    } else space = false
  }
  return text
}

// "-", ":", "|", en dash, em dash: what people put between a stamp and its text.
function isSeparator(c: number): boolean {
  return c === 45 || c === 58 || c === 124 || c === 0x2013 || c === 0x2014
}
