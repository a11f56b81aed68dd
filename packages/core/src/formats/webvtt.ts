/**
 * WebVTT reader and writer. The reader follows the W3C WebVTT file parsing algorithm (signature, header,
 * blocks, cue timings) with one charCode scan over the source; cue payloads go to `readCueText`.
 */
import { TranscriptParseError } from '../errors.js'
import type { Cue, ParseWarning, Transcript, Word } from '../model.js'
import { collapseWhitespace, decodeEntities, normalizeNewlines } from '../text.js'
import { formatTimestamp } from '../time.js'
import { type Cursor, readCueText, scanTimestampMs } from './cue-text.js'
import type { ReadResult } from './types.js'

const LF = 0x0a

/**
 * Reads a WebVTT file into raw cues in source order, times as written (a cue may end before it starts;
 * `normalize` decides). NOTE, STYLE and REGION blocks and cue settings are read past; a cue whose timing
 * line does not parse, and text outside any cue, are skipped with a warning. Throws
 * `TranscriptParseError` when the file does not start with the "WEBVTT" signature.
 */
export function readVtt(source: string): ReadResult {
  return scan(source, false)
}

/**
 * Like `readVtt`, but each cue's `text` is its raw payload (lines joined by LF, tags and references as
 * written), which is what a browser's `VTTCue.text` holds. For conformance tests; not public API.
 */
export function readVttPayloads(source: string): ReadResult {
  return scan(source, true)
}

const cursor: Cursor = { pos: 0 }

function scan(source: string, raw: boolean): ReadResult {
  // The spec's preprocessing: one BOM dropped by decoding, CRLF and CR to LF, NUL to U+FFFD.
  let s = normalizeNewlines(source)
  if (s.indexOf('\0') !== -1) s = s.replaceAll('\0', '\ufffd')
  checkSignature(s)
  const cues: Cue[] = []
  const warnings: ParseWarning[] = []
  // The timing line of each cue, for cleanup warnings.
  const lines: number[] = []
  const len = s.length
  const firstEol = s.indexOf('\n')
  if (firstEol === -1) return { cues, warnings, lines }
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
        if (readTimings(s, pos, eol)) {
          start = timing.start / 1000
          end = timing.end / 1000
          timed = true
          seenCue = true
          textStart = -1
        }
      } else if (eol === pos) {
        pos++
        line++
        break
      } else {
        if (lineCount === 1) firstEnd = eol
        if (textStart === -1) textStart = pos
        textEnd = eol
      }
      if (eol >= len) {
        pos = len
        break
      }
      pos = eol + 1
      line++
    }

    if (timed) {
      const payload = textStart === -1 ? '' : s.slice(textStart, textEnd)
      let cue: Cue
      if (raw) {
        cue = { start, end, text: payload }
      } else if (payload.indexOf('<') === -1) {
        // No tags: the common case, without the cue-text parser.
        cue = {
          start,
          end,
          text: collapseWhitespace(payload.indexOf('&') === -1 ? payload : decodeEntities(payload)),
        }
      } else {
        cue = { start, end, text: '' }
        readCueText(cue, payload)
      }
      if (idEnd > idStart) cue.id = s.slice(idStart, idEnd)
      cues.push(cue)
      lines.push(timingLine)
    } else if (seenArrow) {
      const timingText = s.slice(timingAt, timingEol)
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
  return { cues, warnings, lines }
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

// The times of the last timing line read, in ms: small integers stay unboxed in object fields.
const timing = { start: 0, end: 0 }

// "Collect WebVTT cue timings and settings": settings after the end time are read past, never parsed,
// so nothing in them can change the times.
function readTimings(s: string, from: number, to: number): boolean {
  let i = skipSpace(s, from, to)
  const start = scanTimestampMs(s, i, to, cursor)
  if (Number.isNaN(start)) return false
  i = skipSpace(s, cursor.pos, to)
  if (
    i + 2 >= to ||
    s.charCodeAt(i) !== 0x2d ||
    s.charCodeAt(i + 1) !== 0x2d ||
    s.charCodeAt(i + 2) !== 0x3e
  ) {
    return false
  }
  i = skipSpace(s, i + 3, to)
  const end = scanTimestampMs(s, i, to, cursor)
  if (Number.isNaN(end)) return false
  timing.start = start
  timing.end = end
  return true
}

function skipSpace(s: string, from: number, to: number): number {
  let i = from
  while (i < to) {
    const c = s.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c && c !== 0x0d && c !== LF) break
    i++
  }
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
