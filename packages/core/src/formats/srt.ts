/**
 * SubRip (SRT) reader and writer.
 *
 * SRT has no standard, only habits; the reader is lenient where real files are sloppy and says so in a
 * warning where it has to drop something:
 * - timings `H:MM:SS,mmm --> H:MM:SS,mmm` with a comma or dot, 1-9 fraction digits read as a decimal
 *   fraction (`.05` is 50 ms), no fraction at all, one-digit fields (`0:0:7,560`), `MM:SS` without
 *   hours, and anything after the end time (`X1:... Y1:...` positions, WebVTT settings) ignored;
 * - sequence numbers optional and ignored: they are positions, often wrong, and the writer renumbers,
 *   so they are not kept as cue ids;
 * - any number of blank lines between cues;
 * - a blank line inside a cue's text: text after it belongs to the same cue unless it starts a new cue
 *   (a timing line, or a number followed by a timing line). subtitle.js reads it this way and nothing
 *   is lost; readers that end the cue at the blank line drop the rest or take it for a broken cue;
 * - a missing blank line between cues: a timing line inside a cue's text starts a new cue (a number
 *   just before it is that cue's sequence number);
 * - `<i>`, `<b>`, `<u>`, `<s>`, `<font ...>` (and the WebVTT-like tags some tools leave in SRT) and
 *   `{\an8}`-style ASS override blocks are removed; HTML character references are decoded;
 *   whitespace is collapsed;
 * - a `Name: ` speaker prefix (see `speaker.ts` for the rule) becomes the cue's speaker. When the first
 *   cue names its speaker, the file follows the Podcasting 2.0 convention of naming the speaker when it
 *   changes, so a cue without a prefix continues the last named speaker; in other files a prefix names
 *   only its own cue (a lone `GENEVIEVE: Holy hell!` in a film does not make the rest hers).
 * A block without a valid timing line is skipped with a warning naming its lines. A source without any
 * valid cue is not SRT: `TranscriptParseError('srt', line)` at the first place a cue was expected.
 */
import { TranscriptParseError } from '../errors.js'
import type { Cue, ParseWarning, Transcript, WarningCode } from '../model.js'
import { collapseWhitespace, decodeEntities, normalizeNewlines, PlainRanges } from '../text.js'
import { formatTimestamp } from '../time.js'
import { CLOCK_LENIENT, fixedClockMs, isBlank as isBlankChar, scanClockMs, skipBlank } from './lex.js'
import { type CarriedCue, carriedLineEnd, isRolling, unrollCarried } from './rolling.js'
import { findSpeakerPrefix, isSpeakerName } from './speaker.js'
import type { ReadResult } from './types.js'

const EXPECT = 0 // between cues: blank lines, then a cue (or more text of the open one)
const AFTER_INDEX = 1 // a sequence number was read; a timing line must follow
const IN_TEXT = 2 // inside a cue's text
const SKIPPING = 3 // inside a broken block, until the next blank line

/** Reads an SRT source into raw cues in source order (ends as written; `normalize` cleans up). */
export function readSrt(source: string): ReadResult {
  const reader = new SrtReader(normalizeNewlines(source))
  reader.run()
  if (reader.timedCues === 0) {
    const line = reader.firstBadLine
    throw new TranscriptParseError(
      'srt',
      line === 0 ? 1 : line,
      'an SRT cue (a timing line like 00:00:01,000 --> 00:00:04,000)',
      line === 0 ? (reader.s.trim() === '' ? 'an empty file' : undefined) : reader.firstBadText,
    )
  }
  reader.unroll()
  return { cues: reader.cues, warnings: reader.warnings, lines: reader.lines }
}

/** The line-by-line state machine. A class with fields rather than closures keeps the hot loop fast. */
class SrtReader {
  readonly s: string
  readonly plain: PlainRanges
  readonly cues: Cue[] = []
  /** The line of each cue's timing line, for warnings `normalize` raises later. */
  readonly lines: number[] = []
  readonly warnings: ParseWarning[] = []
  state = EXPECT

  // The open cue: kept until the next cue starts, so that text after a blank line can still join it.
  open = false
  cueStartMs = 0
  cueEndMs = 0
  cueLine = 0
  textFrom = -1
  textTo = -1
  // Lines of text in [textFrom, textTo): one line skips the search for a line break in it.
  textLines = 0
  // The last text line, in case it turns out to be the sequence number of a cue with no blank line before.
  lastTextFrom = -1
  lastTextIsNumber = false

  // A sequence number waiting for its timing line.
  indexFrom = 0
  indexTo = 0
  indexLine = 0

  // The broken block being skipped.
  skipLine = 0
  skipLast = 0
  skipCode: WarningCode = 'malformed-cue'
  skipReason = ''

  // Where a cue was first expected and not found, for the error when there is no cue at all.
  firstBadLine = 0
  firstBadText = ''
  timedCues = 0

  // The text of the last cue with text, as written, and its start: a rolling caption repeats its last line.
  prevFrom = -1
  prevTo = -1
  prevStartMs = -1
  // Cues that repeat the line before as their first line, and the cues that could (see rolling.ts).
  readonly carried: CarriedCue[] = []
  couldCarry = 0

  // The times of the last timing line read (whole ms, unboxed) and the scan position.
  readonly timing: Timing = { start: 0, end: 0, pos: 0 }
  // The speaker found by the last `cleanCueText` call.
  cleanedSpeaker: string | undefined = undefined

  // Speakers are carried forward only when the first cue with text names its speaker.
  carryDecided = false
  carry = false
  lastSpeaker: string | undefined = undefined

  constructor(s: string) {
    this.s = s
    this.plain = new PlainRanges(s)
  }

  run(): void {
    const s = this.s
    const timing = this.timing
    let lineNo = 0
    let pos = 0
    while (pos <= s.length) {
      let nl = s.indexOf('\n', pos)
      if (nl === -1) nl = s.length
      const from = pos
      const to = nl
      pos = nl + 1
      lineNo++
      const blank = isBlank(s, from, to)

      switch (this.state) {
        case EXPECT: {
          if (blank) break
          // The sequence number first: the line between cues nearly every file has, and one that the
          // timing scan would read as far as it goes before giving up (a number line has no "-->").
          if (isNumberLine(s, from, to)) {
            this.indexFrom = from
            this.indexTo = to
            this.indexLine = lineNo
            this.state = AFTER_INDEX
          } else if (parseTiming(s, from, to, timing)) {
            this.startCue(lineNo)
          } else if (hasArrow(s, from, to)) {
            this.skip(
              lineNo,
              lineNo,
              'bad-timestamp',
              `line ${lineNo} is not a valid SRT timing line`,
              from,
              to,
            )
          } else if (this.open) {
            // More text of the open cue after a blank line.
            if (this.textFrom < 0) this.textFrom = from
            this.textTo = to
            this.textLines++
            this.lastTextFrom = from
            this.lastTextIsNumber = false
            this.state = IN_TEXT
          } else {
            this.skip(
              lineNo,
              lineNo,
              'untimed-line',
              `text at line ${lineNo} does not belong to any cue`,
              from,
              to,
            )
          }
          break
        }
        case AFTER_INDEX: {
          if (parseTiming(s, from, to, timing)) {
            this.startCue(lineNo)
          } else if (blank) {
            this.loneIndex('has no timing line after it')
            this.state = EXPECT
          } else {
            const code: WarningCode = hasArrow(s, from, to) ? 'bad-timestamp' : 'malformed-cue'
            this.skip(this.indexLine, lineNo, code, `expected a timing line at line ${lineNo}`, from, to)
          }
          break
        }
        case IN_TEXT: {
          if (blank) {
            this.state = EXPECT
          } else if (parseTiming(s, from, to, timing)) {
            // No blank line before this cue: the number line just before it, if any, is its sequence number.
            if (this.lastTextIsNumber) {
              if (this.lastTextFrom === this.textFrom) this.textFrom = -1
              else this.textTo = this.lastTextFrom - 1
              this.textLines--
            }
            this.startCue(lineNo)
          } else {
            if (this.textFrom < 0) this.textFrom = from
            this.textTo = to
            this.textLines++
            this.lastTextFrom = from
            this.lastTextIsNumber = isNumberLine(s, from, to)
          }
          break
        }
        default: {
          if (blank) {
            this.endSkip()
            this.state = EXPECT
          } else if (parseTiming(s, from, to, timing)) {
            this.endSkip()
            this.startCue(lineNo)
          } else {
            this.skipLast = lineNo
          }
        }
      }
    }
    if (this.state === SKIPPING) this.endSkip()
    else if (this.state === AFTER_INDEX) this.loneIndex('ends the file without a timing line')
    this.flush()
  }

  startCue(line: number): void {
    this.flush()
    this.open = true
    this.timedCues++
    this.cueStartMs = this.timing.start
    this.cueEndMs = this.timing.end
    this.cueLine = line
    this.textFrom = -1
    this.textTo = -1
    this.textLines = 0
    this.lastTextFrom = -1
    this.lastTextIsNumber = false
    this.state = IN_TEXT
  }

  flush(): void {
    if (!this.open) return
    this.open = false
    const from = this.textFrom
    const to = this.textTo
    let text = ''
    let speaker: string | undefined
    let carriedRest: string | null = null
    if (from >= 0) {
      const s = this.s
      // A colon may end a speaker prefix; any other mess is found by `plain`.
      const colon = s.indexOf(':', from)
      if (
        (colon === -1 || colon >= to) &&
        (this.textLines === 1 ? this.plain.isPlainLine(from, to) : this.plain.isPlain(from, to))
      ) {
        text = s.slice(from, to)
      } else {
        const raw = s.slice(from, to)
        if (this.textLines > 1 && this.prevFrom >= 0 && this.cueStartMs >= this.prevStartMs) {
          this.couldCarry++
          const at = carriedLineEnd(raw, s.slice(this.prevFrom, this.prevTo), plainSrtLine)
          // Read whole for now: whether the line goes is decided for the file (see isRolling).
          if (at !== -1) carriedRest = raw.slice(at)
        }
        text = this.cleanCueText(raw)
        speaker = this.cleanedSpeaker
      }
      if (text.length > 0) {
        this.prevFrom = from
        this.prevTo = to
        this.prevStartMs = this.cueStartMs
      }
    }
    if (text.length === 0) {
      const line = this.cueLine
      const what = from >= 0 ? 'no text (only markup or white space)' : 'no text'
      this.warnings.push({ line, code: 'empty-cue', message: `cue at line ${line} has ${what}; skipped` })
      return
    }
    if (!this.carryDecided) {
      this.carryDecided = true
      this.carry = speaker !== undefined
    }
    if (speaker !== undefined) this.lastSpeaker = speaker
    else if (this.carry) speaker = this.lastSpeaker
    const cue: Cue = { start: this.cueStartMs / 1000, end: this.cueEndMs / 1000, text }
    if (speaker !== undefined) cue.speaker = speaker
    if (carriedRest !== null) this.carried.push({ index: this.cues.length, rest: carriedRest })
    this.cues.push(cue)
    this.lines.push(this.cueLine)
  }

  /** Drops the carried lines when the file is rolling captions (see rolling.ts), with one warning. */
  unroll(): void {
    const carried = this.carried
    if (!isRolling(carried.length, this.couldCarry)) return
    this.warnings.push({
      line: this.lines[carried[0]!.index]!,
      code: 'duplicate-merged',
      message: `${carried.length} rolling caption line(s) repeated from the cue before were removed`,
    })
    unrollCarried(this.cues, this.lines, carried, (cue, rest) => {
      // A cue that only held the line again (a freeze between two captions) says nothing new.
      const text = this.cleanCueText(rest)
      if (text === '') return null
      cue.text = text
      if (this.cleanedSpeaker !== undefined) cue.speaker = this.cleanedSpeaker
      return cue
    })
  }

  /** Cue text as written, made plain: markup removed, speaker split off (into `cleanedSpeaker`). */
  cleanCueText(raw: string): string {
    let t = raw
    let speaker: string | undefined
    // A voice tag names the speaker before the markup goes; a `Name:` prefix is read after it.
    if (t.charCodeAt(skipBlank(t, 0, t.length)) === 60) {
      const prefix = findSpeakerPrefix(t, decodeEntities)
      if (prefix !== null) {
        speaker = prefix.name
        t = t.slice(prefix.rest)
      }
    }
    t = unmarked(t)
    if (speaker === undefined) {
      const colon = t.indexOf(':')
      if (colon !== -1 && colon < 100) {
        const prefix = findSpeakerPrefix(t, decodeEntities)
        if (prefix !== null) {
          speaker = prefix.name
          t = t.slice(prefix.rest)
        }
      }
    }
    this.cleanedSpeaker = speaker
    return plainWords(t)
  }

  /** Starts skipping a broken block that begins at line `first`; `from`-`to` is the offending line. */
  skip(first: number, line: number, code: WarningCode, reason: string, from: number, to: number): void {
    this.flush()
    this.noteBad(line, this.s.slice(from, to))
    this.skipLine = first
    this.skipLast = line
    this.skipCode = code
    this.skipReason = reason
    this.state = SKIPPING
  }

  endSkip(): void {
    const where =
      this.skipLast > this.skipLine ? `lines ${this.skipLine}-${this.skipLast}` : `line ${this.skipLine}`
    this.warnings.push({
      line: this.skipLine,
      code: this.skipCode,
      message: `${this.skipReason}; skipped ${where}`,
    })
  }

  loneIndex(what: string): void {
    this.flush()
    const line = this.indexLine
    this.noteBad(line, this.s.slice(this.indexFrom, this.indexTo))
    this.warnings.push({
      line,
      code: 'malformed-cue',
      message: `sequence number at line ${line} ${what}; skipped`,
    })
  }

  noteBad(line: number, text: string): void {
    if (this.firstBadLine !== 0) return
    this.firstBadLine = line
    this.firstBadText = text
  }
}

/**
 * An idle reader, kept so that the shape of readers outlives every parse. V8 keeps a class's instance
 * shape only while an instance is alive, and the optimised code of `run` depends on it: without one, the
 * first parse after the last reader was collected (the next episode in a player) would run the state
 * machine unoptimised until V8 compiled it again. Exported, not just declared: a module binding that no
 * function uses is not kept after the module has run.
 */
export const idleSrtReader = new SrtReader('')

/** A line of cue text as `cleanCueText` reads it, speaker prefix included, for comparing two lines. */
function plainSrtLine(line: string): string {
  return plainWords(unmarked(line))
}

/** Text without its formatting tags and ASS overrides (the first step of `cleanCueText`). */
function unmarked(t: string): string {
  return t.indexOf('<') !== -1 || t.indexOf('{') !== -1 ? stripMarkup(t) : t
}

/** Text with its character references decoded and white space collapsed (the last step of `cleanCueText`). */
function plainWords(t: string): string {
  return collapseWhitespace(t.indexOf('&') !== -1 ? decodeEntities(t) : t)
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlankChar(s.charCodeAt(i))) return false
  return true
}

function isNumberLine(s: string, from: number, to: number): boolean {
  let i = from
  while (i < to && s.charCodeAt(i) === 32) i++
  let digits = 0
  while (i < to) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) break
    digits++
    i++
  }
  while (i < to && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++
  return digits > 0 && digits <= 9 && i === to
}

function hasArrow(s: string, from: number, to: number): boolean {
  const a = s.indexOf('-->', from)
  return a !== -1 && a < to
}

/** The times of a timing line in whole milliseconds (small integers, unboxed), and where a scan is. */
interface Timing {
  start: number
  end: number
  pos: number
}

/** Reads `start --> end [anything]` between `from` and `to` into `out`. */
function parseTiming(s: string, from: number, to: number, out: Timing): boolean {
  if (to - from === 29 && canonicalTiming(s, from, out)) return true
  let i = from
  while (i < to && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++
  const c = s.charCodeAt(i)
  if (c < 48 || c > 57) return false
  const start = scanClockMs(s, i, to, out, CLOCK_LENIENT)
  if (Number.isNaN(start)) return false
  i = out.pos
  while (i < to && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++
  if (i + 3 > to || s.charCodeAt(i) !== 45 || s.charCodeAt(i + 1) !== 45 || s.charCodeAt(i + 2) !== 62)
    return false
  i += 3
  while (i < to && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++
  const end = scanClockMs(s, i, to, out, CLOCK_LENIENT)
  if (Number.isNaN(end)) return false
  i = out.pos
  if (i < to && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 9) return false
  out.start = start
  out.end = end
  return true
}

/**
 * The timing line nearly every SRT file has, `HH:MM:SS,mmm --> HH:MM:SS,mmm` and nothing else, read at
 * fixed offsets (a third of the time of the general scan); anything else is left to it.
 */
function canonicalTiming(s: string, i: number, out: Timing): boolean {
  const start = fixedClockMs(s, i, false)
  if (start < 0) return false
  if (s.charCodeAt(i + 12) !== 32 || s.charCodeAt(i + 13) !== 45 || s.charCodeAt(i + 14) !== 45) return false
  if (s.charCodeAt(i + 15) !== 62 || s.charCodeAt(i + 16) !== 32) return false
  const end = fixedClockMs(s, i + 17, false)
  if (end < 0) return false
  out.start = start
  out.end = end
  return true
}

/** Formatting tags found in SRT files: SubRip's own and the WebVTT ones some converters leave behind. */
const TAGS = new Set([
  'i',
  'b',
  'u',
  's',
  'font',
  'c',
  'v',
  'span',
  'em',
  'strong',
  'br',
  'sup',
  'sub',
  'ruby',
  'rt',
  'lang',
])

/** If a known formatting tag starts at `i` (a `<`), the index just after its `>`; otherwise -1. */
function tagEnd(s: string, i: number): number {
  let j = i + 1
  if (s.charCodeAt(j) === 47) j++
  const nameFrom = j
  while (j < s.length) {
    const c = s.charCodeAt(j) | 32
    if (c < 97 || c > 122) break
    j++
  }
  if (j === nameFrom || j - nameFrom > 6) return -1
  const c = s.charCodeAt(j)
  if (c !== 62 && c !== 32 && c !== 47 && c !== 9 && c !== 46) return -1
  if (!TAGS.has(s.slice(nameFrom, j).toLowerCase())) return -1
  // The tag ends at the next `>` on the same line, before any other `<`.
  for (let k = j; k < s.length && k < j + 500; k++) {
    const d = s.charCodeAt(k)
    if (d === 62) return k + 1
    if (d === 60 || d === 10) return -1
  }
  return -1
}

/** If an ASS override block (`{\an8}`, `{\i1}`) starts at `i` (a `{`), the index after its `}`; else -1. */
function assEnd(s: string, i: number): number {
  if (s.charCodeAt(i + 1) !== 92) return -1
  for (let k = i + 2; k < s.length && k < i + 200; k++) {
    const d = s.charCodeAt(k)
    if (d === 125) return k + 1
    if (d === 10 || d === 123) return -1
  }
  return -1
}

function stripMarkup(s: string): string {
  let out = ''
  let last = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 60 && c !== 123) continue
    const end = c === 60 ? tagEnd(s, i) : assEnd(s, i)
    if (end === -1) continue
    out += s.slice(last, i)
    // A line break tag separates words; formatting tags sit inside or around words.
    if (c === 60 && (s.charCodeAt(i + 1) | 32) === 98 && (s.charCodeAt(i + 2) | 32) === 114) out += ' '
    last = end
    i = end - 1
  }
  return last === 0 ? s : out + s.slice(last)
}

/**
 * Writes numbered SRT blocks (`HH:MM:SS,mmm --> HH:MM:SS,mmm`, one text line each, no blank line inside
 * a cue). Speakers are written as a `Name: ` prefix: when the first cue has a speaker, only where the
 * speaker changes (the Podcasting 2.0 convention, read back by carrying the speaker forward); otherwise
 * on every cue that has one. What the reader would misread is escaped as a character reference: `&`
 * that would decode, `<` that would open a formatting tag, `{\`, a colon that would make the start of
 * a cue without a written speaker look like one, and a text line that would parse as a timing line.
 * Limits: a cue without a speaker after one with a speaker cannot be told apart from "same speaker"
 * in that convention; a speaker name that fails the rule in `speaker.ts` reads back as text.
 */
export function writeSrt(transcript: Transcript): string {
  const cues = transcript.cues
  const first = cues.find((c) => c.text.length > 0)
  const carry = first?.speaker !== undefined && isSpeakerName(first.speaker)
  let written: string | undefined
  let out = ''
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i]!
    const start = Number.isFinite(cue.start) ? cue.start : 0
    const end = Number.isFinite(cue.end) && cue.end > start ? cue.end : start
    let line = ''
    const speaker = cue.speaker
    if (speaker !== undefined && speaker.length > 0 && (!carry || speaker !== written)) {
      line = `${escapeText(oneLine(speaker))}: `
      written = speaker
    }
    let text = escapeText(oneLine(cue.text))
    if (line === '') text = guardUnwrittenSpeaker(text)
    line += text
    out += `${i + 1}\n${formatTimestamp(start, 'srt')} --> ${formatTimestamp(end, 'srt')}\n${line}\n\n`
  }
  return out
}

function oneLine(s: string): string {
  return s.indexOf('\n') === -1 && s.indexOf('\r') === -1 ? s : collapseWhitespace(s)
}

/** Escapes what `readSrt` would otherwise take for markup or entities. */
function escapeText(t: string): string {
  let out = ''
  let last = 0
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    let rep: string | undefined
    if (c === 38 && decodesAt(t, i)) rep = '&amp;'
    else if (c === 60 && tagEnd(t, i) !== -1) rep = '&lt;'
    else if (c === 123 && t.charCodeAt(i + 1) === 92) rep = '&#123;'
    if (rep === undefined) continue
    out += t.slice(last, i) + rep
    last = i + 1
  }
  return last === 0 ? t : out + t.slice(last)
}

/** True when the `&` at `i` starts a character reference that `decodeEntities` would replace. */
function decodesAt(t: string, i: number): boolean {
  let stop = t.indexOf('&', i + 1)
  if (stop === -1 || stop > i + 40) stop = Math.min(t.length, i + 40)
  const piece = t.slice(i, stop)
  return decodeEntities(piece) !== piece
}

/** Keeps a cue's own text from being read back as a speaker prefix or a timing line. */
function guardUnwrittenSpeaker(text: string): string {
  let t = text
  const prefix = findSpeakerPrefix(t, decodeEntities)
  if (prefix !== null) {
    const colon = t.lastIndexOf(':', prefix.rest - 1)
    t = `${t.slice(0, colon)}&#58;${t.slice(colon + 1)}`
  }
  if (parseTiming(t, 0, t.length, { start: 0, end: 0, pos: 0 })) t = t.replace('-->', '--&gt;')
  return t
}
