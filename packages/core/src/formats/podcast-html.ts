/**
 * Podcasting 2.0 HTML transcripts: `<cite>Speaker:</cite>`, `<time>0:00</time>`, `<p>...</p>` as
 * siblings (docs/examples/transcripts/example.html), with or without an `<html><body>` page around them.
 *
 * Read without a DOM by a small tokenizer over the string, so nothing in the file is ever executed or
 * fetched: `<script>`, `<style>`, `<template>`, `<title>`, `<noscript>` and `<textarea>` contents are
 * skipped whole, comments and doctypes too. One cue per `<p>`: its start is the latest `<time>`, its
 * speaker the latest `<cite>` (trailing colon and spaces removed; an empty `<cite></cite>` clears it).
 * A `<cite>` or `<time>` at the very start of a `<p>` belongs to that paragraph. Inside a paragraph,
 * inline tags (`<b>`, `<a>`, `<span>`...) are removed and other tags (`<br>`, `<div>`...) read as a
 * space; character references are decoded and whitespace collapsed.
 * The format has no end times: cues end where the next starts (`normalize` infers them), unless the
 * `<p>` carries a `data-end` attribute, which `writePodcastHtml` adds so that its output reads back
 * to the same cues to the millisecond. A paragraph before any `<time>` cannot be placed and is skipped
 * with a warning; text outside paragraphs once the transcript has begun is reported, not kept.
 */
import { TranscriptParseError } from '../errors.js'
import type { Cue, ParseWarning, Transcript } from '../model.js'
import { collapseWhitespace, decodeEntities, normalizeNewlines } from '../text.js'
import { parseTimestamp } from '../time.js'
import { CLOCK_SECONDS, isAsciiSpace as isSpace, scanClockMs } from './lex.js'
import type { ReadResult } from './types.js'

// Elements whose content is never transcript text (and is never markup we should look into).
const RAW_TEXT = new Set(['script', 'style', 'template', 'title', 'noscript', 'textarea', 'xmp', 'iframe'])
// Tags that sit inside or around words: removed without a space.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'ins',
  'del',
])
// Start tags that end an open paragraph, as in the HTML parsing rules.
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
  'li',
  'dd',
  'dt',
])

const NONE = 0
const CITE = 1
const TIME = 2

/** Reads a Podcasting 2.0 HTML transcript into raw cues in source order (no ends unless `data-end`). */
export function readPodcastHtml(source: string): ReadResult {
  const reader = new HtmlReader(normalizeNewlines(source))
  reader.run()
  if (reader.timedParagraphs === 0) {
    const line = reader.firstParagraphLine
    throw new TranscriptParseError(
      'html',
      line === 0 ? 1 : line,
      line === 0
        ? 'a Podcasting 2.0 HTML transcript (<time> start times and <p> paragraphs)'
        : 'a <time> start time before the paragraph',
    )
  }
  return { cues: reader.cues, warnings: reader.warnings, lines: reader.lines }
}

class HtmlReader {
  readonly s: string
  readonly cues: Cue[] = []
  readonly lines: number[] = []
  readonly warnings: ParseWarning[] = []
  timedParagraphs = 0
  firstParagraphLine = 0

  // The latest <time> and <cite> outside a paragraph's text.
  latestTime = Number.NaN
  latestSpeaker: string | undefined = undefined
  started = false

  // What text goes to right now: a cite or time element, and/or an open paragraph.
  element = NONE
  elementBuf = ''
  // While an element's content is one stretch of source text, it is read in place, not copied.
  elementFrom = -1
  elementTo = -1
  elementLine = 0
  inP = false
  pBuf = ''
  pHasText = false
  pLine = 0
  pEnd = Number.NaN
  // Once loose text has been reported, the rest of that stretch is not reported again.
  looseReported = false

  // An attribute value's bounds and where the last clock scan stopped.
  readonly range: Range = { from: 0, to: 0, pos: 0 }

  // Incremental offset -> line conversion (offsets only grow).
  lineOff = 0
  lineNo = 1

  constructor(s: string) {
    this.s = s
  }

  lineAt(offset: number): number {
    const s = this.s
    for (let i = s.indexOf('\n', this.lineOff); i !== -1 && i < offset; i = s.indexOf('\n', i + 1))
      this.lineNo++
    this.lineOff = offset
    return this.lineNo
  }

  run(): void {
    const s = this.s
    let i = 0
    while (i < s.length) {
      const lt = s.indexOf('<', i)
      const textEnd = lt === -1 ? s.length : lt
      if (textEnd > i) this.text(i, textEnd)
      if (lt === -1) break
      i = this.markup(lt)
    }
    this.endElement()
    this.closeP()
  }

  /** Routes source text between `from` and `to` to whatever is collecting it. */
  text(from: number, to: number): void {
    if (this.element !== NONE) {
      if (this.elementFrom < 0 && this.elementBuf === '') {
        this.elementFrom = from
        this.elementTo = to
      } else {
        this.materialize()
        this.elementBuf += this.s.slice(from, to)
      }
      return
    }
    if (this.inP) {
      this.pBuf += this.s.slice(from, to)
      if (!this.pHasText && firstNonSpace(this.s, from, to) !== -1) this.pHasText = true
      return
    }
    // Between elements: usually a line break. Look without copying it.
    if (!this.started || this.looseReported) return
    const at = firstNonSpace(this.s, from, to)
    if (at === -1) return
    this.looseReported = true
    const line = this.lineAt(at)
    this.warnings.push({
      line,
      code: 'unknown-block',
      message: `text outside a <p> at line ${line} is not part of any cue; ignored`,
    })
  }

  /** Handles the markup at `lt` (a `<`) and returns where scanning resumes. */
  markup(lt: number): number {
    const s = this.s
    const next = s.charCodeAt(lt + 1)
    if (next === 33 || next === 63) {
      // <!-- comment -->, <!DOCTYPE ...>, <![CDATA[...]]>, <?xml ...?>
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4)
        return end === -1 ? s.length : end + 3
      }
      const end = s.indexOf('>', lt + 2)
      return end === -1 ? s.length : end + 1
    }
    const closing = next === 47
    const nameFrom = closing ? lt + 2 : lt + 1
    let j = nameFrom
    while (j < s.length && isNameChar(s.charCodeAt(j), j === nameFrom)) j++
    if (j === nameFrom) {
      // A `<` that starts no tag is text.
      this.text(lt, lt + 1)
      return lt + 1
    }
    const name = tagName(s, nameFrom, j)
    const gt = tagEnd(s, j)
    const after = gt === -1 ? s.length : gt + 1
    if (closing) {
      this.endTag(name)
      return after
    }
    if (RAW_TEXT.has(name)) return skipRawText(s, name, after)
    this.startTag(name, j, gt === -1 ? s.length : gt, lt)
    return after
  }

  startTag(name: string, attrsFrom: number, attrsTo: number, at: number): void {
    if (name === 'cite' || name === 'time') {
      if (this.inP && this.pHasText) {
        // Inside a paragraph's text, a citation or a time is just part of the sentence.
        return
      }
      this.endElement()
      this.element = name === 'cite' ? CITE : TIME
      this.elementBuf = ''
      this.elementFrom = -1
      this.elementLine = this.lineAt(at)
      this.started = true
      return
    }
    if (this.inP && CLOSES_P.has(name)) this.closeP()
    if (name === 'p') {
      this.endElement()
      this.inP = true
      this.pBuf = ''
      this.pHasText = false
      this.pLine = this.lineAt(at)
      if (this.firstParagraphLine === 0) this.firstParagraphLine = this.pLine
      const range = this.range
      this.pEnd = attributeRange(this.s, attrsFrom, attrsTo, 'data-end', range)
        ? this.clock(range.from, range.to)
        : Number.NaN
      this.started = true
      this.looseReported = false
      return
    }
    this.separate(name)
  }

  endTag(name: string): void {
    if ((name === 'cite' && this.element === CITE) || (name === 'time' && this.element === TIME)) {
      this.endElement()
      return
    }
    if (name === 'p') {
      this.endElement()
      this.closeP()
      return
    }
    if (this.inP && (CLOSES_P.has(name) || name === 'body' || name === 'html' || name === 'td')) {
      this.closeP()
      return
    }
    this.separate(name)
  }

  /** A tag inside collected text: nothing for inline formatting, a space for anything that breaks a line. */
  separate(name: string): void {
    if (INLINE.has(name)) return
    if (this.element !== NONE) {
      this.materialize()
      this.elementBuf += ' '
    } else if (this.inP) this.pBuf += ' '
  }

  /** Finishes a <cite> or <time>: it becomes the latest speaker or start time. */
  endElement(): void {
    if (this.element === NONE) return
    if (this.element === CITE) {
      this.materialize()
      const value = collapseWhitespace(decodeEntities(this.elementBuf))
      const name = (value.endsWith(':') ? value.slice(0, -1) : value).trimEnd()
      this.latestSpeaker = name === '' ? undefined : name
    } else {
      const direct = this.elementFrom >= 0
      const t = direct ? this.clock(this.elementFrom, this.elementTo) : this.clockOf(this.elementBuf)
      if (Number.isFinite(t)) {
        this.latestTime = t
      } else {
        const line = this.elementLine
        this.warnings.push({
          line,
          code: 'bad-timestamp',
          message: `<time> at line ${line} holds no time (${JSON.stringify(this.elementText())}); the previous time still applies`,
        })
      }
    }
    this.element = NONE
    this.elementBuf = ''
    this.elementFrom = -1
  }

  /** Copies an element's in-place content into its buffer, before more content is added to it. */
  materialize(): void {
    if (this.elementFrom < 0) return
    this.elementBuf = this.s.slice(this.elementFrom, this.elementTo)
    this.elementFrom = -1
  }

  elementText(): string {
    return this.elementFrom >= 0 ? this.s.slice(this.elementFrom, this.elementTo) : this.elementBuf
  }

  /** Seconds written between `from` and `to` (a clock time, spaces around it), or NaN. */
  clock(from: number, to: number): number {
    const s = this.s
    let i = from
    while (i < to && isSpace(s.charCodeAt(i))) i++
    const ms = scanClockMs(s, i, to, this.range, CLOCK_SECONDS)
    if (!Number.isNaN(ms)) {
      let j = this.range.pos
      while (j < to && isSpace(s.charCodeAt(j))) j++
      if (j === to) return ms / 1000
    }
    // Entities, odd spacing: the slow road.
    return this.clockOf(s.slice(from, to))
  }

  clockOf(text: string): number {
    return parseTimestamp(collapseWhitespace(decodeEntities(text)))
  }

  closeP(): void {
    if (!this.inP) return
    this.inP = false
    const timed = !Number.isNaN(this.latestTime)
    if (timed) this.timedParagraphs++
    const text = collapseWhitespace(decodeEntities(this.pBuf))
    this.pBuf = ''
    const line = this.pLine
    if (text === '') {
      // A timed paragraph that holds only markup (an image, a script) says nothing, but it was a line of
      // the source: say that it was skipped rather than lose it silently.
      if (timed) {
        this.warnings.push({
          line,
          code: 'empty-cue',
          message: `paragraph at line ${line} has no text; skipped`,
        })
      }
      return
    }
    if (!timed) {
      this.warnings.push({
        line,
        code: 'untimed-line',
        message: `paragraph at line ${line} comes before any <time>, so it has no start; skipped`,
      })
      return
    }
    const cue: Cue = { start: this.latestTime, end: this.pEnd, text }
    if (this.latestSpeaker !== undefined) cue.speaker = this.latestSpeaker
    this.cues.push(cue)
    this.lines.push(line)
  }
}

function firstNonSpace(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return i
  return -1
}

/** The lower-case tag name; the names every transcript repeats come without a new string. */
function tagName(s: string, from: number, to: number): string {
  const n = to - from
  const c = s.charCodeAt(from) | 32
  if (n === 1 && c === 112) return 'p'
  if (
    n === 4 &&
    c === 99 &&
    (s.charCodeAt(from + 1) | 32) === 105 &&
    (s.charCodeAt(from + 2) | 32) === 116 &&
    (s.charCodeAt(from + 3) | 32) === 101
  )
    return 'cite'
  if (
    n === 4 &&
    c === 116 &&
    (s.charCodeAt(from + 1) | 32) === 105 &&
    (s.charCodeAt(from + 2) | 32) === 109 &&
    (s.charCodeAt(from + 3) | 32) === 101
  )
    return 'time'
  return s.slice(from, to).toLowerCase()
}

function isNameChar(c: number, first: boolean): boolean {
  const letter = (c | 32) >= 97 && (c | 32) <= 122
  return first ? letter : letter || (c >= 48 && c <= 57) || c === 45 || c === 58
}

/** The index of the `>` that ends a tag whose attributes start at `i` (quotes respected), or -1. */
function tagEnd(s: string, i: number): number {
  let quote = 0
  for (let k = i; k < s.length; k++) {
    const c = s.charCodeAt(k)
    if (quote !== 0) {
      if (c === quote) quote = 0
    } else if (c === 34 || c === 39) {
      // A quote opens a value only after `=` (ignoring spaces); elsewhere it is a stray character.
      let b = k - 1
      while (b >= i && (s.charCodeAt(b) === 32 || s.charCodeAt(b) === 10 || s.charCodeAt(b) === 9)) b--
      if (b >= i && s.charCodeAt(b) === 61) quote = c
    } else if (c === 62) {
      return k
    }
  }
  return -1
}

/** Where scanning resumes after the content of a raw-text element such as <script> (its end tag). */
function skipRawText(s: string, name: string, from: number): number {
  for (let close = s.indexOf('</', from); close !== -1; close = s.indexOf('</', close + 2)) {
    if (s.slice(close + 2, close + 2 + name.length).toLowerCase() !== name) continue
    const c = s.charCodeAt(close + 2 + name.length)
    if (Number.isNaN(c) || c === 62 || isSpace(c) || c === 47) {
      const gt = s.indexOf('>', close)
      return gt === -1 ? s.length : gt + 1
    }
  }
  return s.length
}

/** Bounds of an attribute's raw value, and where a clock scan stopped: one per reader. */
interface Range {
  from: number
  to: number
  pos: number
}

/**
 * Finds attribute `want` (lower case) in a start tag's attribute text and puts the bounds of its raw
 * value in `range`. Compares names in place: the attributes of every <p> are scanned.
 */
function attributeRange(s: string, from: number, to: number, want: string, range: Range): boolean {
  let k = from
  while (k < to) {
    while (k < to && !isAttrNameChar(s.charCodeAt(k))) k++
    const nameFrom = k
    while (k < to && isAttrNameChar(s.charCodeAt(k))) k++
    const matches = k - nameFrom === want.length && sameLower(s, nameFrom, want)
    while (k < to && isSpace(s.charCodeAt(k))) k++
    if (s.charCodeAt(k) !== 61) {
      if (matches) {
        range.from = k
        range.to = k
        return true
      }
      continue
    }
    k++
    while (k < to && isSpace(s.charCodeAt(k))) k++
    const q = s.charCodeAt(k)
    let vFrom: number
    let vTo: number
    if (q === 34 || q === 39) {
      vFrom = k + 1
      vTo = s.indexOf(q === 34 ? '"' : "'", vFrom)
      if (vTo === -1 || vTo > to) vTo = to
      k = vTo + 1
    } else {
      vFrom = k
      while (k < to && !isSpace(s.charCodeAt(k))) k++
      vTo = k
    }
    if (matches) {
      range.from = vFrom
      range.to = vTo
      return true
    }
  }
  return false
}

function sameLower(s: string, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    let c = s.charCodeAt(at + i)
    if (c >= 65 && c <= 90) c += 32
    if (c !== lower.charCodeAt(i)) return false
  }
  return true
}

function isAttrNameChar(c: number): boolean {
  return !(isSpace(c) || c === 61 || c === 62 || c === 47 || c === 34 || c === 39 || Number.isNaN(c))
}

/**
 * Writes the Podcasting 2.0 HTML structure: a `<cite>Name:</cite>` where the speaker changes (an empty
 * `<cite></cite>` when it changes to none), then `<time>` and `<p>` for every cue. Times are `M:SS` or
 * `H:MM:SS` as in the spec's example, with `.mmm` when the start has a fraction of a second; each `<p>`
 * carries its end in `data-end`. Text is escaped, so nothing in it can become markup.
 */
export function writePodcastHtml(transcript: Transcript): string {
  let out = ''
  let speaker: string | undefined
  for (const cue of transcript.cues) {
    const who = cue.speaker === undefined || cue.speaker === '' ? undefined : cue.speaker
    if (who !== speaker) {
      out += who === undefined ? '<cite></cite>\n' : `<cite>${escapeHtml(oneLine(who))}:</cite>\n`
      speaker = who
    }
    const start = Number.isFinite(cue.start) && cue.start > 0 ? cue.start : 0
    out += `<time>${clock(start)}</time>\n`
    const end = Number.isFinite(cue.end) && cue.end >= start ? ` data-end="${clock(cue.end)}"` : ''
    out += `<p${end}>${escapeHtml(oneLine(cue.text))}</p>\n`
  }
  return out
}

/** `M:SS`, `H:MM:SS`, plus `.mmm` when there is a fraction of a second. */
function clock(seconds: number): string {
  const ms = Math.round(seconds * 1000)
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor(ms / 60_000) % 60
  const s = Math.floor(ms / 1000) % 60
  const frac = ms % 1000
  const mm = h > 0 && m < 10 ? `0${m}` : String(m)
  let out = `${h > 0 ? `${h}:` : ''}${mm}:${s < 10 ? `0${s}` : s}`
  if (frac !== 0) out += `.${String(frac).padStart(3, '0')}`
  return out
}

function oneLine(s: string): string {
  return s.indexOf('\n') === -1 && s.indexOf('\r') === -1 ? s : collapseWhitespace(s)
}

function escapeHtml(s: string): string {
  let out = ''
  let last = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const rep = c === 38 ? '&amp;' : c === 60 ? '&lt;' : c === 62 ? '&gt;' : c === 34 ? '&quot;' : undefined
    if (rep === undefined) continue
    out += s.slice(last, i) + rep
    last = i + 1
  }
  return last === 0 ? s : out + s.slice(last)
}
