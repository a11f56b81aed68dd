/**
 * Plain timestamped text: one cue per line, `HH:MM:SS text` (also `H:MM:SS`, `MM:SS`, fractions,
 * `[00:01:02]`/`(00:01:02)` stamps, a separator after the stamp and `Speaker: ` prefixes). The format has
 * no end times: every cue's end is NaN and `normalize` infers it from the next start.
 */
import { TranscriptParseError } from '../errors.js'
import type { Cue, ParseWarning, Transcript } from '../model.js'
import { collapseWhitespace, normalizeNewlines } from '../text.js'
import { formatTimestamp } from '../time.js'
import type { ReadResult } from './types.js'

/** Where `scanTimestamp` leaves the seconds it read (a shared cell: no allocation per line). */
export interface StampOut {
  seconds: number
}

/**
 * Reads a clock stamp (`HH:MM:SS`, `H:MM:SS`, `MM:SS`, with an optional `.fff`/`,fff` fraction, optionally
 * in `[]` or `()`) at `s[from]`, ending before `to`. Returns the index after it, or -1 when `s` does not
 * start with one there. The stamp must be followed by whitespace, a separator or the end, so that
 * "10:30am" or "3:1 ratio" are not stamps.
 */
export function scanTimestamp(s: string, from: number, to: number, out: StampOut): number {
  let i = from
  let close = 0
  const first = s.charCodeAt(i)
  if (first === 91) close = 93
  else if (first === 40) close = 41
  if (close !== 0) i++
  let lead = 0
  let digits = 0
  while (i < to && isDigit(s.charCodeAt(i))) {
    lead = lead * 10 + (s.charCodeAt(i) - 48)
    digits++
    i++
  }
  if (digits === 0 || digits > 3) return -1
  // Up to two more `:NN` groups; each must be exactly two digits (clock notation).
  let parts = 1
  let mid = 0
  let last = 0
  while (
    parts < 3 &&
    i + 2 < to &&
    s.charCodeAt(i) === 58 &&
    isDigit(s.charCodeAt(i + 1)) &&
    isDigit(s.charCodeAt(i + 2)) &&
    !(i + 3 < to && isDigit(s.charCodeAt(i + 3)))
  ) {
    const v = (s.charCodeAt(i + 1) - 48) * 10 + (s.charCodeAt(i + 2) - 48)
    if (parts === 1) last = v
    else {
      mid = last
      last = v
    }
    parts++
    i += 3
  }
  if (parts < 2) return -1
  let frac = 0
  const dot = s.charCodeAt(i)
  if ((dot === 46 || dot === 44) && i + 1 < to && isDigit(s.charCodeAt(i + 1))) {
    const fracStart = i
    i++
    while (i < to && isDigit(s.charCodeAt(i))) i++
    if (i - fracStart > 10) return -1
    frac = Number(`0.${s.slice(fracStart + 1, i)}`)
  }
  if (close !== 0) {
    if (s.charCodeAt(i) !== close) return -1
    i++
  }
  if (i < to) {
    const c = s.charCodeAt(i)
    if (!isBlank(c) && !isSeparator(c)) return -1
  }
  if (last > 59) return -1
  if (parts === 3) {
    if (mid > 59) return -1
    out.seconds = lead * 3600 + mid * 60 + last + frac
  } else {
    out.seconds = lead * 60 + last + frac
  }
  return i
}

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
  const out: StampOut = { seconds: 0 }
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
    const after = scanTimestamp(s, a, b, out)
    if (after < 0) {
      const text = clean(s.slice(a, b))
      if (current !== undefined) {
        if (current.text === '') {
          // A stamp on its own line (as YouTube copies it): this line is the cue's text.
          const label = speakerLabel(text)
          if (label > 0) {
            current.speaker = text.slice(0, label)
            current.text = text.slice(label + 1).trimStart()
          } else current.text = text
        } else current.text = `${current.text} ${text}`
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
    const text = clean(s.slice(skipSeparator(s, after, b), b))
    current = { start: out.seconds, end: Number.NaN, text }
    const label = speakerLabel(text)
    if (label > 0) {
      current.speaker = text.slice(0, label)
      current.text = text.slice(label + 1).trimStart()
    }
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
    // A text that itself looks like a label would be read as one: restate the speaker in front of it.
    const restate = cue.speaker !== undefined && speakerLabel(text) > 0
    if (cue.speaker !== undefined && (cue.speaker !== speaker || labelEveryLine || restate)) {
      speaker = cue.speaker
      text = `${collapseWhitespace(cue.speaker)}: ${text}`
    } else if (
      text.length > 0 &&
      isSeparator(text.charCodeAt(0)) &&
      (text.length === 1 || isBlank(text.charCodeAt(1)))
    ) {
      // A text that itself starts like a separator would lose it on reading: write a separator first.
      text = `- ${text}`
    }
    if (text !== '') line += ` ${text}`
    parts.push(line)
  }
  return parts.length === 0 ? '' : `${parts.join('\n\n')}\n`
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

// Ordinary words that start a labelled sentence ("Note: ...", "So: ...") and are never a speaker's
// name, even capitalised. Names are open-ended, so the rule is "looks like a name and is not one of these".
const NOT_NAMES = new Set(
  (
    'a an the this that these those it its i we you he she they me us my our your his her their here ' +
    'there now then so and but or nor if when why what how who whom where which well yes no ok okay also ' +
    'remember note notes nb ps update updated edit edited warning caution tip tips hint important example ' +
    'examples question questions answer answers summary disclaimer source sources quote reminder fyi ' +
    'spoiler translation transcript chapter part step topic agenda title subject re link links website ' +
    'email music intro outro sponsor ad advertisement fact result results problem solution reason bonus ' +
    'news breaking correction context background conclusion definition goal idea lesson moral rule tldr ' +
    'pro con pros cons plan option first second third finally next last today tomorrow yesterday ' +
    'meanwhile actually basically honestly seriously look listen see wait hey hi hello thanks oh um uh ' +
    'like because even just only still yet again maybe sure right true false time date location status ' +
    'version release error fix bug feature welcome episode recorded live monday tuesday wednesday ' +
    'thursday friday saturday sunday january february march april may june july august september ' +
    'october november december spring summer autumn fall winter morning afternoon evening tonight ' +
    'everyone everybody nobody someone something nothing anything everything one two three'
  ).split(' '),
)

// Roles that are numbered in machine transcripts: "Speaker 2", "Guest 1".
const NUMBERED_ROLES = new Set([
  'speaker',
  'guest',
  'host',
  'voice',
  'caller',
  'participant',
  'person',
  'interviewer',
])

// Lower-case particles inside names: "Guido van Rossum", "Maria de la Cruz".
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'del',
  'della',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'al',
])

const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'\u2019.-]{0,30}$/u
const MACHINE_LABEL = /^\p{L}{1,20}_\d{1,3}$/u

/**
 * Length of a `Name:` speaker prefix at the start of `text`, or -1. A prefix is a speaker when it is one
 * to three capitalised words (name particles such as "van" allowed inside, or a numbered role such as
 * "Speaker 2", or a machine label such as "SPEAKER_01") whose first word is not an ordinary word that
 * starts labelled sentences ("Note:", "So:", "Tuesday:"): ordinary sentences stay text.
 */
export function speakerLabel(text: string): number {
  // A name is short: look for the colon only within reach, so that long lines cost nothing.
  let colon = -1
  const reach = Math.min(text.length, 49)
  for (let i = 1; i < reach; i++) {
    if (text.charCodeAt(i) === 58) {
      colon = i
      break
    }
  }
  if (colon < 1) return -1
  if (colon + 1 < text.length && !isBlank(text.charCodeAt(colon + 1))) return -1
  const words = text.slice(0, colon).split(' ')
  if (words.length > 3) return -1
  const firstWord = words[0]!
  if (words.length === 1 && MACHINE_LABEL.test(firstWord)) return colon
  if (!NAME_WORD.test(firstWord)) return -1
  if (NOT_NAMES.has(firstWord.toLowerCase().replace(/\.$/, ''))) return -1
  for (let k = 1; k < words.length; k++) {
    const word = words[k]!
    const lastWord = k === words.length - 1
    if (NAME_WORD.test(word)) continue
    if (!lastWord && PARTICLES.has(word)) continue
    if (lastWord && /^\d{1,3}$/.test(word) && NUMBERED_ROLES.has(firstWord.toLowerCase())) continue
    return -1
  }
  return colon
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0xfeff || c === 0x3000 || c === 11 || c === 12
}

// "-", ":", "|", en dash, em dash: what people put between a stamp and its text.
function isSeparator(c: number): boolean {
  return c === 45 || c === 58 || c === 124 || c === 0x2013 || c === 0x2014
}
