/**
 * WebVTT reader and writer. The reader follows the W3C WebVTT file parsing algorithm (signature, header,
 * blocks, cue timings) with one charCode scan over the source; cue payloads go to `readCueText`.
 */
import { TranscriptParseError } from '../errors.js'
import type { Cue, ParseWarning, Transcript, Word } from '../model.js'
import { collapseWhitespace, normalizeNewlines, PlainRanges } from '../text.js'
import { formatTimestamp } from '../time.js'
import { CueTextState, readCueText } from './cue-text.js'
import { CLOCK_SECONDS, CLOCK_VTT, fixedClockMs, isAsciiSpace, isSpaceRange, scanClockMs } from './lex.js'
import { type CarriedCue, carriedLineEnd, isRolling, unrollCarried } from './rolling.js'
import { findBracketedSpeaker } from './speaker.js'
import type { ReadResult } from './types.js'
import { groupOwnWords } from './words.js'

const LF = 0x0a

/**
 * Reads a WebVTT file into raw cues in source order, times as written (a cue may end before it starts;
 * `normalize` decides). NOTE, STYLE and REGION blocks and cue settings are read past; a cue whose timing
 * line does not parse, and text outside any cue, are skipped with a warning.
 *
 * What real files add to the spec, each with a warning:
 * - timings that real tools write off the spec (`4:52.080`, `0.860` from Podnews, `0:0:0.570` from MS
 *   Teams) are read as SRT's lenient clock times;
 * - a cue whose text is only white space is skipped (YouTube writes them);
 * - rolling captions (YouTube's auto-captions as yt-dlp saves them, broadcast roll-up captions): a cue
 *   of two or more lines whose first line repeats the last line of the cue just before it (and that does
 *   not start before it) loses that line, and a cue left with nothing new (YouTube's 10 ms "freeze"
 *   cues) is skipped. A one-line cue that repeats the one before is speech said twice, and stays.
 *   When the rolling lines carry word timings, the words are grouped into readable lines as word-level
 *   JSON is (`groupWords`);
 * - a WhisperX `[SPEAKER_03]: ` prefix becomes the cue's speaker when no voice tag names one.
 *
 * Throws `TranscriptParseError` when the file does not start with the "WEBVTT" signature, or when no cue
 * in it can be read.
 */
export function readVtt(source: string): ReadResult {
  return new VttScan(source, false).run()
}

/**
 * The spec's parse alone: each cue's `text` is its raw payload (lines joined by LF, tags and references
 * as written), which is what a browser's `VTTCue.text` holds; strict timings, no cleanup, and an empty
 * list when there are no cues. For conformance tests; not public API.
 */
export function readVttPayloads(source: string): ReadResult {
  return new VttScan(source, true).run()
}

/** The times of the last timing line read (whole ms, unboxed), and where a timestamp scan stopped. */
interface Timing {
  start: number
  end: number
  pos: number
}

/** One parse: the scan's state lives here, so that nothing is shared between parses. */
class VttScan {
  readonly raw: boolean
  readonly s: string
  readonly cues: Cue[] = []
  readonly warnings: ParseWarning[] = []
  // The timing line of each cue, for cleanup warnings.
  readonly lines: number[] = []
  readonly timing: Timing = { start: 0, end: 0, pos: 0 }
  readonly text = new CueTextState()
  // Timing lines read leniently, cues without text, and rolling repeats: counted, reported once each.
  lenient = 0
  lenientLine = 0
  lenientText = ''
  blank = 0
  blankLine = 0
  // Cues that repeat the line before as their first line, and the cues that could (see rolling.ts).
  readonly carried: CarriedCue[] = []
  couldCarry = 0
  // Where the payload of the previous cue with text lies in the source, and the previous cue's times
  // (ms), for rolling captions.
  prevFrom = -1
  prevTo = -1
  prevStartMs = -1
  prevEndMs = -1
  // Where a cue was first expected and not read, for the error when no cue is read at all.
  firstBadLine = 0
  firstBadText = ''

  constructor(source: string, raw: boolean) {
    this.raw = raw
    // The spec's preprocessing: one BOM dropped by decoding, CRLF and CR to LF, NUL to U+FFFD.
    let s = normalizeNewlines(source)
    if (s.indexOf('\0') !== -1) s = s.replaceAll('\0', '\ufffd')
    this.s = s
  }

  run(): ReadResult {
    const { s, raw, cues, warnings, lines, timing } = this
    checkSignature(s)
    // Which cue texts are already plain, found a window of the source at a time (see PlainRanges).
    const plain = raw ? null : new PlainRanges(s)
    const len = s.length
    const firstEol = s.indexOf('\n')
    if (firstEol === -1) return this.finish(1)
    let pos = firstEol + 1
    let line = 2

    // The next "-->" at or after the current line, found once and reused until the scan passes it.
    let arrow = s.indexOf('-->', pos)

    // Header: the lines after the signature up to a blank line, or up to a line that holds a timing.
    if (pos < len && s.charCodeAt(pos) !== LF) {
      for (;;) {
        let eol = s.indexOf('\n', pos)
        if (eol === -1) eol = len
        if (arrow !== -1 && arrow < pos) arrow = s.indexOf('-->', pos)
        if (arrow !== -1 && arrow < eol) break
        const blank = eol === pos
        if (eol >= len) {
          pos = len
          break
        }
        pos = eol + 1
        line++
        if (blank) break
      }
    }
    while (pos < len && s.charCodeAt(pos) === LF) {
      pos++
      line++
    }

    let seenCue = false
    while (pos < len) {
      const blockLine = line
      const blockStart = pos
      let lineCount = 0
      let seenArrow = false
      let timed = false
      let timingLine = 0
      let timingAt = 0
      let timingEol = 0
      let start = 0
      let end = 0
      let firstEnd = -1
      let idStart = -1
      let idEnd = -1
      // The block's text so far (the spec's "buffer"), as a range of the source: lines are LF-joined there.
      let textStart = -1
      let textEnd = -1
      let textLines = 0
      for (;;) {
        let eol = s.indexOf('\n', pos)
        if (eol === -1) eol = len
        lineCount++
        if (arrow !== -1 && arrow < pos) arrow = s.indexOf('-->', pos)
        if (arrow !== -1 && arrow < eol) {
          // A timing line counts only as the first line, or the second after an identifier; later it
          // starts the next block (a cue's text cannot hold "-->").
          if (lineCount > 2 || (lineCount === 2 && seenArrow)) break
          seenArrow = true
          timingLine = line
          timingAt = pos
          timingEol = eol
          if (lineCount === 2) {
            idStart = blockStart
            idEnd = firstEnd
          }
          const how = readTimings(s, pos, eol, timing, raw)
          if (how !== NOT_TIMED) {
            start = timing.start / 1000
            end = timing.end / 1000
            timed = true
            seenCue = true
            textStart = -1
            textLines = 0
            if (how === LENIENT && this.lenient++ === 0) {
              this.lenientLine = line
              this.lenientText = s.slice(pos, eol)
            }
          }
        } else if (eol === pos) {
          pos++
          line++
          break
        } else {
          if (lineCount === 1) firstEnd = eol
          if (textStart === -1) textStart = pos
          textEnd = eol
          textLines++
        }
        if (eol >= len) {
          pos = len
          break
        }
        pos = eol + 1
        line++
      }

      if (timed) {
        let cue: Cue | null
        // The payload without its first line, when that line repeats the cue before (rolling captions).
        let rest: string | null = null
        if (raw) {
          cue = { start, end, text: textStart === -1 ? '' : s.slice(textStart, textEnd) }
        } else {
          if (textStart === -1) {
            cue = this.cue(start, end, '', timingLine)
          } else if (textLines === 1 && plain!.isPlainLine(textStart, textEnd)) {
            // One line of plain text, the common case: read in place, without the cue-text parser.
            const text = s.slice(textStart, textEnd)
            cue = text.charCodeAt(0) === 91 ? this.cue(start, end, text, timingLine) : { start, end, text }
            this.prevFrom = textStart
            this.prevTo = textEnd
          } else {
            const payload = s.slice(textStart, textEnd)
            if (textLines > 1) rest = this.carriedRest(payload, timing)
            cue = this.cue(start, end, payload, timingLine)
            // The next cue's rolling line repeats this cue's last line with text (a blank cue has none).
            if (!isSpaceRange(s, textStart, textEnd)) {
              this.prevFrom = textStart
              this.prevTo = textEnd
            }
          }
          this.prevStartMs = timing.start
          this.prevEndMs = timing.end
        }
        if (cue !== null) {
          if (idEnd > idStart) cue.id = s.slice(idStart, idEnd)
          if (rest !== null) this.carried.push({ index: cues.length, rest })
          cues.push(cue)
          lines.push(timingLine)
        }
      } else if (seenArrow) {
        const timingText = s.slice(timingAt, timingEol)
        if (this.firstBadLine === 0) {
          this.firstBadLine = timingLine
          this.firstBadText = timingText
        }
        warnings.push({
          line: timingLine,
          code: 'bad-timestamp',
          message: `cue timing ${JSON.stringify(clip(timingText))} is not "[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt"; the cue was skipped`,
        })
      } else {
        const first = s.slice(blockStart, firstEnd === -1 ? blockStart : firstEnd)
        const kind = blockKind(first)
        if (kind === 'style' && seenCue) {
          warnings.push({
            line: blockLine,
            code: 'unknown-block',
            message: `${first.trim()} block after the first cue was ignored (it belongs before the cues)`,
          })
        } else if (kind === null) {
          if (this.firstBadLine === 0) {
            this.firstBadLine = blockLine
            this.firstBadText = first
          }
          warnings.push({
            line: blockLine,
            code: 'malformed-cue',
            message: `text without a cue timing line (${JSON.stringify(clip(first))}) was skipped`,
          })
        }
      }
      while (pos < len && s.charCodeAt(pos) === LF) {
        pos++
        line++
      }
    }
    return this.finish(line)
  }

  /**
   * A cue from a payload with something to say, or null (and a count for the warning) when it holds
   * only white space once tags are gone.
   */
  cue(start: number, end: number, payload: string, line: number): Cue | null {
    // readCueText reads a payload without tags without its tag parser.
    const cue: Cue = { start, end, text: '' }
    readCueText(cue, payload, this.text)
    if (cue.text === '') {
      if (this.blank++ === 0) this.blankLine = line
      return null
    }
    // Only a "[" written as such: the writer escapes one that is text (`&#91;`).
    if (
      cue.speaker === undefined &&
      cue.text.charCodeAt(0) === 91 &&
      payload.trimStart().charCodeAt(0) === 91
    ) {
      const prefix = findBracketedSpeaker(cue.text)
      if (prefix !== null) {
        cue.speaker = prefix.name
        cue.text = cue.text.slice(prefix.rest)
        if (cue.words !== undefined) dropLeadingWords(cue, prefix.rest)
      }
    }
    return cue
  }

  /**
   * A multi-line payload without its first line when that line repeats the last line of the cue just
   * before (which this cue does not start before): a rolling caption's carried line, or null. The cue is
   * read whole for now: whether such lines go is decided for the file (see isRolling).
   */
  carriedRest(payload: string, timing: Timing): string | null {
    if (this.prevEndMs < 0 || timing.start < this.prevStartMs) return null
    if (this.prevFrom < 0) return null
    this.couldCarry++
    const at = carriedLineEnd(payload, this.s.slice(this.prevFrom, this.prevTo), plainLine)
    return at === -1 ? null : payload.slice(at)
  }

  /** Drops the carried lines when the file is rolling captions; returns how many cues had one. */
  unroll(): number {
    const { carried, cues, lines } = this
    if (!isRolling(carried.length, this.couldCarry)) return 0
    unrollCarried(cues, lines, carried, (whole, rest, line) => {
      // A cue that only held the line again (a freeze between two captions) says nothing new.
      if (isSpaceRange(rest, 0, rest.length)) return null
      const cue = this.cue(whole.start, whole.end, rest, line)
      if (cue !== null && whole.id !== undefined) cue.id = whole.id
      return cue
    })
    return carried.length
  }

  /** The result, with the counted warnings; rolling lines regrouped; an error when no cue was read. */
  finish(lastLine: number): ReadResult {
    const { cues, warnings, lines } = this
    if (this.raw) return { cues, warnings, lines }
    // Before the counts below: a cue read again without its carried line may turn out blank.
    const rolledLine = this.carried.length > 0 ? lines[this.carried[0]!.index]! : 0
    const rolled = this.unroll()
    if (this.lenient > 0) {
      warnings.push({
        line: this.lenientLine,
        code: 'bad-timestamp',
        message: `${this.lenient} cue timing(s) are not WebVTT's [hh:]mm:ss.ttt (the first: ${JSON.stringify(clip(this.lenientText))}); read as written`,
      })
    }
    if (this.blank > 0) {
      warnings.push({
        line: this.blankLine,
        code: 'empty-cue',
        message: `${this.blank} cue(s) with only white space skipped`,
      })
    }
    if (cues.length === 0) {
      // The first place where a cue was expected: a broken block, or a cue without text.
      const bad = this.firstBadLine
      const blank = this.blankLine
      const atBlank = blank !== 0 && (bad === 0 || blank < bad)
      throw new TranscriptParseError(
        'vtt',
        atBlank ? blank : bad || lastLine,
        'a cue: a timing line like 00:00:01.000 --> 00:00:04.000, then its text',
        atBlank || bad === 0 ? 'no cue with text' : this.firstBadText,
      )
    }
    if (rolled === 0) return { cues, warnings, lines }
    warnings.push({
      line: rolledLine,
      code: 'duplicate-merged',
      message: `${rolled} rolling caption line(s) repeated from the cue before were removed`,
    })
    return regroup(cues, lines, warnings)
  }
}

/**
 * Rolling captions with word timings (YouTube) are a stream of words cut into display lines: the words
 * are grouped into readable lines as word-level JSON is. A cue without word timings is one word.
 */
function regroup(cues: Cue[], lines: number[], warnings: ParseWarning[]): ReadResult {
  if (!cues.some((c) => c.words !== undefined)) return { cues, warnings, lines }
  const words: Word[] = []
  const speakers: Array<string | undefined> = []
  const wordLines: number[] = []
  for (let k = 0; k < cues.length; k++) {
    const cue = cues[k]!
    const own = cue.words ?? [{ start: cue.start, end: cue.end, text: cue.text }]
    for (const w of own) {
      words.push(w)
      speakers.push(cue.speaker)
      wordLines.push(lines[k]!)
    }
  }
  const grouped = groupOwnWords(words, speakers)
  const groupedLines: number[] = []
  let w = 0
  for (const cue of grouped) {
    groupedLines.push(wordLines[w]!)
    w += cue.words!.length
  }
  return { cues: grouped, warnings, lines: groupedLines }
}

/** Drops the words that lie before `rest` in the cue's text (a speaker prefix taken off the text). */
function dropLeadingWords(cue: Cue, rest: number): void {
  let at = 0
  const words = cue.words!
  let k = 0
  while (k < words.length && at < rest) {
    at += words[k]!.text.length + 1
    k++
  }
  if (k > 0) cue.words = words.slice(k)
  if (cue.words!.length === 0) delete cue.words
}

// One line of a payload as plain text (tags gone, references decoded, white space collapsed).
function plainLine(line: string): string {
  const cue: Cue = { start: 0, end: 0, text: '' }
  readCueText(cue, line)
  return cue.text
}

function checkSignature(s: string): void {
  if (s.startsWith('WEBVTT')) {
    if (s.length === 6) return
    const c = s.charCodeAt(6)
    if (c === 0x20 || c === 0x09 || c === LF) return
  }
  const eol = s.indexOf('\n')
  throw new TranscriptParseError(
    'vtt',
    1,
    'the signature "WEBVTT" (alone, or followed by a space or tab) on the first line',
    s.slice(0, eol === -1 ? s.length : eol),
  )
}

// Blocks that are not cues and are silently read past: comments, and style sheets and regions (which
// the spec accepts only before the first cue; a podcast transcript has no layout).
function blockKind(first: string): 'note' | 'style' | null {
  if (keyword(first, 'NOTE', true)) return 'note'
  if (keyword(first, 'STYLE', false) || keyword(first, 'REGION', false)) return 'style'
  return null
}

// "NOTE" alone or before a space or tab; "STYLE"/"REGION" followed by nothing but whitespace.
function keyword(line: string, word: string, anyAfter: boolean): boolean {
  if (!line.startsWith(word)) return false
  for (let i = word.length; i < line.length; i++) {
    const c = line.charCodeAt(i)
    const space = c === 0x20 || c === 0x09 || c === 0x0c
    if (anyAfter) return space
    if (!space) return false
  }
  return true
}

const NOT_TIMED = 0
const STRICT = 1
const LENIENT = 2

/**
 * "Collect WebVTT cue timings and settings" into `out`: settings after the end time are read past, never
 * parsed, so nothing in them can change the times. Unless `strict`, a timing line the spec rejects is
 * read again with lenient clock times. Returns NOT_TIMED, STRICT or LENIENT.
 */
function readTimings(s: string, from: number, to: number, out: Timing, strict: boolean): number {
  if (canonicalTimings(s, from, to, out) || timings(s, from, to, out, CLOCK_VTT)) return STRICT
  if (strict || !timings(s, from, to, out, CLOCK_SECONDS)) return NOT_TIMED
  return LENIENT
}

/**
 * `HH:MM:SS.mmm --> HH:MM:SS.mmm` at the start of the line, then its end or white space before the
 * settings: the timing line nearly every file has, read at fixed offsets.
 */
function canonicalTimings(s: string, from: number, to: number, out: Timing): boolean {
  if (to - from < 29 || (to - from > 29 && !isAsciiSpace(s.charCodeAt(from + 29)))) return false
  if (s.charCodeAt(from + 12) !== 32 || s.charCodeAt(from + 16) !== 32 || !s.startsWith('-->', from + 13))
    return false
  const start = fixedClockMs(s, from, true)
  if (start < 0) return false
  const end = fixedClockMs(s, from + 17, true)
  if (end < 0) return false
  out.start = start
  out.end = end
  return true
}

function timings(s: string, from: number, to: number, out: Timing, mode: 0 | 2): boolean {
  let i = skipSpace(s, from, to)
  const start = scanClockMs(s, i, to, out, mode)
  if (Number.isNaN(start)) return false
  i = skipSpace(s, out.pos, to)
  if (
    i + 2 >= to ||
    s.charCodeAt(i) !== 0x2d ||
    s.charCodeAt(i + 1) !== 0x2d ||
    s.charCodeAt(i + 2) !== 0x3e
  ) {
    return false
  }
  i = skipSpace(s, i + 3, to)
  const end = scanClockMs(s, i, to, out, mode)
  if (Number.isNaN(end)) return false
  // The spec reads whatever follows the end time as settings; a lenient read wants white space there,
  // so that `00:01 --> 00:02abc` is not taken for a timing.
  if (mode !== CLOCK_VTT && out.pos < to && !isAsciiSpace(s.charCodeAt(out.pos))) return false
  out.start = start
  out.end = end
  return true
}

function skipSpace(s: string, from: number, to: number): number {
  let i = from
  while (i < to && isAsciiSpace(s.charCodeAt(i))) i++
  return i
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/**
 * Writes a transcript as WebVTT: "WEBVTT", then one block per cue with its identifier (when it can be
 * one), `HH:MM:SS.mmm --> HH:MM:SS.mmm`, and one line of text with the speaker as `<v Name>` and word
 * timings as inline timestamps. Text is escaped, so no "-->" or blank line can appear inside a cue.
 *
 * WebVTT marks words only by timestamps between them, strictly increasing inside the cue. So word
 * timings are written when the words, in order, spell the cue text; a boundary that is not inside the
 * cue or not later than the previous one is left out (those words read back merged), and a single word
 * spanning the whole cue is the cue itself (it reads back without `words`).
 */
export function writeVtt(t: Transcript): string {
  // Pieces are joined a thousand at a time: one long chain of concatenations (or a million live
  // pieces) makes every garbage collection walk all of it.
  const chunks: string[] = ['WEBVTT\n']
  let pieces: string[] = []
  for (const cue of t.cues) {
    const end = Number.isFinite(cue.end) ? cue.end : cue.start
    const text = clean(cue.text)
    let body = writeWords(cue, text, end) ?? escapeText(text)
    const speaker = cue.speaker === undefined ? '' : clean(cue.speaker)
    // Text that starts like a WhisperX `[SPEAKER_03]: ` label, without a speaker: its "[" as a reference.
    if (speaker === '' && findBracketedSpeaker(text) !== null) body = body.replace('[', '&#91;')
    if (speaker !== '') {
      // A name ending in "-" would make an arrow of the tag's ">": a space there, which readers strip.
      const voice = escapeText(speaker)
      body = `<v ${voice}${voice.endsWith('-') ? ' ' : ''}>${body}`
    }
    pieces.push('\n')
    if (cue.id !== undefined && isWritableId(cue.id)) pieces.push(cue.id.replaceAll('\0', '\ufffd'), '\n')
    pieces.push(formatTimestamp(cue.start, 'vtt'), ' --> ', formatTimestamp(end, 'vtt'), '\n')
    if (body !== '') pieces.push(body, '\n')
    if (pieces.length >= 1024) {
      chunks.push(pieces.join(''))
      pieces = []
    }
  }
  chunks.push(pieces.join(''))
  return chunks.join('')
}

// An identifier is one line without "-->"; anything else would change how the block reads.
function isWritableId(id: string): boolean {
  return id !== '' && id.indexOf('\n') === -1 && id.indexOf('\r') === -1 && id.indexOf('-->') === -1
}

// What the reader would make of the text: NUL is not representable, whitespace collapses.
function clean(s: string): string {
  return collapseWhitespace(s.indexOf('\0') === -1 ? s : s.replaceAll('\0', '\ufffd'))
}

function escapeText(s: string): string {
  let out = s
  if (out.indexOf('&') !== -1) out = out.replaceAll('&', '&amp;')
  if (out.indexOf('<') !== -1) out = out.replaceAll('<', '&lt;')
  if (out.indexOf('>') !== -1) out = out.replaceAll('>', '&gt;')
  return out
}

// The cue text with a timestamp at each word boundary, or undefined when the words do not spell it.
function writeWords(cue: Cue, text: string, end: number): string | undefined {
  const words: Word[] | undefined = cue.words
  if (words === undefined || words.length === 0) return undefined
  const endMs = toMs(end)
  let last = toMs(cue.start)
  let out = ''
  let at = 0
  const mark = (seconds: number): void => {
    const ms = toMs(seconds)
    if (ms > last && ms < endMs) {
      out += `<${formatTimestamp(seconds, 'vtt')}>`
      last = ms
    }
  }
  for (let k = 0; k < words.length; k++) {
    const word = words[k] as Word
    const w = clean(word.text)
    let sep = ''
    if (k > 0) {
      const prev = words[k - 1] as Word
      // A pause: end the previous word with its own timestamp; the blank stretch after it is no word.
      if (toMs(prev.end) !== toMs(word.start)) mark(prev.end)
      if (text.charCodeAt(at) === 0x20) {
        sep = ' '
        at++
      }
    }
    if (w === '' || !text.startsWith(w, at)) return undefined
    out += sep
    mark(word.start)
    out += escapeText(w)
    at += w.length
  }
  if (at !== text.length) return undefined
  mark((words[words.length - 1] as Word).end)
  return out
}

function toMs(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0
}
