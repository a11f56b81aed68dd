/**
 * WebVTT cue text (the payload of one cue) to plain text, following the cue-text tokenizer and tree
 * building rules of the W3C WebVTT spec, but without building a tree: a transcript needs only the text,
 * the first voice and the inline timestamps.
 */
import type { Cue, Word } from '../model.js'
import { collapseWhitespace, decodeEntities } from '../text.js'
import { CLOCK_VTT, type Cursor, isAsciiSpace, scanClockMs } from './lex.js'

// The element kinds the tree-building rules know; any other tag name is ignored.
const C = 1
const I = 2
const B = 3
const U = 4
const RUBY = 5
const RT = 6
const V = 7
const LANG = 8

// The kind of the tag name s[from, to), compared in place: tags are frequent, slices are not free.
function kindAt(s: string, from: number, to: number): number {
  const c = s.charCodeAt(from)
  switch (to - from) {
    case 1:
      return c === 0x63 ? C : c === 0x69 ? I : c === 0x62 ? B : c === 0x75 ? U : c === 0x76 ? V : 0
    case 2:
      return c === 0x72 && s.charCodeAt(from + 1) === 0x74 ? RT : 0
    case 4:
      if (s.startsWith('ruby', from)) return RUBY
      return s.startsWith('lang', from) ? LANG : 0
    default:
      return 0
  }
}

const NON_BLANK = /\S/

/**
 * Scratch state of one reader (a file's parse): open elements, open `<rt>`s (1 once their "(" is
 * written), the output offsets and times (in ms) of inline timestamps, indexed by counters so that no
 * array is reallocated per cue; and the last voice annotation with the name read from it, since
 * podcasts repeat one name on every cue.
 */
export class CueTextState {
  readonly stack: number[] = []
  readonly rtWritten: number[] = []
  readonly cuts: number[] = []
  readonly times: number[] = []
  readonly at: Cursor = { pos: 0 }
  lastAnnotation = ''
  lastName = ''
}

/**
 * Sets `cue.text` (and `speaker`, `words`) from a cue payload, lines joined by LF.
 *
 * Text: tags stripped, character references decoded, whitespace collapsed. Speaker: the first `<v>` span
 * with a non-empty name. Ruby: the base text is kept and the `<rt>` annotation follows it in parentheses,
 * as HTML's `<rp>` fallback shows it (`<ruby>漢字<rt>かんじ</rt></ruby>` reads `漢字(かんじ)`), so nothing the
 * cue says is lost and both spellings are searchable; a blank `<rt>` adds nothing. Inline timestamps cut
 * the text into `words`: each stretch starts at the timestamp before it (or the cue start) and ends at
 * the one after it (or the cue end); blank stretches are pauses, not words. Tags the spec does not know,
 * and timestamps that do not parse, are dropped as the spec drops them.
 */
export function readCueText(cue: Cue, payload: string, state: CueTextState = new CueTextState()): void {
  if (payload.indexOf('<') === -1) {
    cue.text = collapseWhitespace(payload.indexOf('&') === -1 ? payload : decodeEntities(payload))
    return
  }
  const { stack, rtWritten, cuts, times, at } = state
  const len = payload.length
  let out = ''
  let speaker: string | undefined
  let depth = 0
  let rts = 0
  let marks = 0
  let i = 0
  while (i < len) {
    const lt = payload.indexOf('<', i)
    const textEnd = lt === -1 ? len : lt
    if (textEnd > i) {
      let chunk = payload.slice(i, textEnd)
      if (chunk.indexOf('&') !== -1) chunk = decodeEntities(chunk)
      // An <rt> opens its parenthesis only once it has something to say.
      if (rts > 0 && rtWritten[rts - 1] === 0 && NON_BLANK.test(chunk)) {
        for (let k = 0; k < rts; k++) {
          if (rtWritten[k] === 0) {
            out += '('
            rtWritten[k] = 1
          }
        }
      }
      out += chunk
    }
    if (lt === -1) break
    // Every tag state of the tokenizer ends at the first ">" (or at the end of the payload).
    const gt = payload.indexOf('>', lt + 1)
    const tagEnd = gt === -1 ? len : gt
    i = gt === -1 ? len : gt + 1
    const first = lt + 1 < tagEnd ? payload.charCodeAt(lt + 1) : -1
    const top = depth === 0 ? 0 : (stack[depth - 1] as number)
    if (first === 0x2f) {
      // End tag: closes the current element when the names match; "</ruby>" also closes an open <rt>.
      const kind = kindAt(payload, lt + 2, tagEnd)
      if (kind !== 0 && kind === top) {
        depth--
        if (kind === RT && rtWritten[--rts] === 1) out += ')'
      } else if (kind === RUBY && top === RT) {
        depth -= 2
        if (rtWritten[--rts] === 1) out += ')'
      }
      continue
    }
    if (first >= 0x30 && first <= 0x39) {
      const t = scanClockMs(payload, lt + 1, tagEnd, at, CLOCK_VTT)
      if (!Number.isNaN(t) && at.pos === tagEnd) {
        cuts[marks] = out.length
        times[marks++] = t
      }
      continue
    }
    // Start tag: a name, ".class" parts, then after the first whitespace the annotation.
    let ws = lt + 1
    while (ws < tagEnd && !isAsciiSpace(payload.charCodeAt(ws))) ws++
    let nameEnd = lt + 1
    while (nameEnd < ws && payload.charCodeAt(nameEnd) !== 0x2e) nameEnd++
    const kind = kindAt(payload, lt + 1, nameEnd)
    if (kind === 0) continue
    if (kind === RT) {
      // <rt> means something only directly inside <ruby>.
      if (top !== RUBY) continue
      rtWritten[rts++] = 0
    }
    stack[depth++] = kind
    if (kind === V && speaker === undefined && ws < tagEnd) {
      const from = ws + 1
      if (tagEnd - from === state.lastAnnotation.length && payload.startsWith(state.lastAnnotation, from)) {
        speaker = state.lastName
      } else {
        const raw = payload.slice(from, tagEnd)
        const name = collapseWhitespace(raw.indexOf('&') === -1 ? raw : decodeEntities(raw))
        if (name !== '') {
          speaker = name
          state.lastAnnotation = raw
          state.lastName = name
        }
      }
    }
  }
  // Elements left open close at the end of the cue.
  for (let k = 0; k < rts; k++) if (rtWritten[k] === 1) out += ')'

  cue.text = collapseWhitespace(out)
  if (speaker !== undefined) cue.speaker = speaker
  if (marks > 0) {
    const words: Word[] = []
    let from = 0
    let wordStart = cue.start
    for (let k = 0; k <= marks; k++) {
      const to = k < marks ? (cuts[k] as number) : out.length
      const wordEnd = k < marks ? (times[k] as number) / 1000 : cue.end
      if (to > from) {
        const text = collapseWhitespace(out.slice(from, to))
        if (text !== '') words.push({ start: wordStart, end: wordEnd, text })
      }
      from = to
      wordStart = wordEnd
    }
    if (words.length > 0) cue.words = words
  }
}
