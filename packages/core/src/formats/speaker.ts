/**
 * The one speaker rule of every reader: how a cue's text names who speaks. Three forms, at the start of
 * the text (after white space):
 * - a WebVTT voice tag, `<v Michael Kennedy>text` (Talk Python's text transcripts, SRT files converted
 *   from WebVTT): the annotation is the name, whatever it looks like, since the tag says it is one;
 * - a bracketed label and a colon, `[SPEAKER_03]: text` (WhisperX's diarized output): the bracket's
 *   content must have the shape of a name (below), but no word list applies: the brackets and colon
 *   mark it as a label;
 * - the `Name: text` convention of plain-text cue formats (Podcasting 2.0 SRT: "include the speaker's
 *   name, followed by a colon"), after an optional `>>` speaker-change marker, told apart from ordinary
 *   sentences that contain a colon.
 *
 * A prefix names a speaker when all of these hold:
 * - it is the text before the cue's first colon, and that colon is followed by whitespace or ends the
 *   cue (so `3:1`, `10:30` and `https://` never qualify); one space before the colon is allowed
 *   (`Alban : ...`, French typography);
 * - it is 1 to 3 name words, at most 40 characters: each word starts with a capital letter (or a letter
 *   of a caseless script) and holds only letters, digits, apostrophes, hyphens and underscores
 *   (`O'Brien`, `Jean-Luc`, `SPEAKER_01`), or is an initial or title with a period (`J.`, `Dr.`,
 *   `J.R.`), or (after the first word) a number (`Speaker 2`); name particles (`van`, `de`, `bin`, ...)
 *   may stand between words. Commas, quotes, `!`, `?`, brackets and lower-case words rule a sentence out
 *   (`Here's the thing:`, `He said:`);
 * - none of its words is a prose lead-in, the nouns that precede a colon in sentences rather than
 *   names (`Note:`, `Warning:`, `Subtitles:`, `Step 1:`, `Fun Fact:`, `Time:`; see `LEAD_INS`), and
 *   its first word is not a sentence opener (`So:`, `Here's`, `The`, `This`; see `OPENERS`). Role
 *   labels (`Host:`, `Guest:`, `Narrator:`, `Q:`, `A:`) are neither: they name who speaks.
 *
 * The rule is per cue and does not need the rest of the file, so a writer can tell in advance whether
 * its reader will take a line's start for a speaker. A missed speaker leaves the text intact; a false
 * one would cut words from the text, so the rule leans towards missing.
 */

import { collapseWhitespace } from '../text.js'
import { isAsciiSpace, isSpace } from './lex.js'

/** The words of a space-separated list, as a set (a pure call: a bundle that needs no list drops it). */
function wordSet(list: string): Set<string> {
  return new Set(list.split(' '))
}

/** Nouns and labels that precede a colon in prose; none of them is taken for any word of a name. */
const LEAD_INS = /* @__PURE__ */ wordSet(
  'note notes nb ps pps fyi btw warning warnings caution attention alert important update updated updates ' +
    'edit edited correction disclaimer spoiler spoilers reminder remember tip tips hint hints example ' +
    'examples question questions answer answers step steps part chapter section episode season lesson ' +
    'rule rules fact facts quote source sources credit credits subtitles subtitle subtitled captions ' +
    'caption captioned translation translated transcript transcription transcribed lyrics music song ' +
    'chorus verse intro outro title subject topic agenda summary recap conclusion result results problem ' +
    'solution goal goals reason idea point key takeaway moral truth bottom line news breaking live ' +
    'today tonight tomorrow yesterday date time location place address phone email website url link ' +
    'links price cost total score ingredients directions instructions method recipe sponsor sponsored ' +
    'ad advertisement promo bonus fun protip meaning definition caveat bug fix fixed status error usage ' +
    'syntax output input version release pro con pros cons plan option context background feature tldr',
)

/** Function words and interjections that open a sentence; ruled out as the first word of a name. */
const OPENERS = /* @__PURE__ */ wordSet(
  'and but or so well okay ok yes no yeah oh hey hi hello look listen see wait first second third next ' +
    "last finally then now here here's here’s there there's there’s this that these those the an it " +
    "its it's it’s what why how who when where which because however therefore meanwhile anyway " +
    'basically seriously honestly again also plus pro i we you he she they my our your his her their ' +
    'me us nor if whom re like because even just only still yet maybe sure right true false welcome ' +
    'recorded everyone everybody nobody someone something nothing anything everything one two three ' +
    'thanks um uh morning afternoon evening monday tuesday wednesday thursday friday saturday sunday ' +
    // Months and seasons that are not also given names (April, May, June, Summer are).
    'january february march september october november december spring autumn fall winter',
)

/** Lower-case particles that may stand between the words of a name. */
const PARTICLES = /* @__PURE__ */ wordSet(
  'van von der den de del della di da du dos das la le les bin ibn al el ter ten y zu af',
)

// One word of a name: a capital (or a caseless letter, e.g. CJK) then letters, marks, digits, ' ’ - _.
// A single character class with one quantifier: linear, nothing to backtrack.
const NAME_WORD = /^[\p{Lu}\p{Lt}\p{Lo}][\p{L}\p{M}\p{N}'’_-]*$/u
// Initials and short titles: `J.`, `J.R.`, `Dr.`, `Mrs.`, `St.`.
const INITIAL = /^(?:\p{Lu}\.){1,3}$|^\p{Lu}\p{Ll}{1,3}\.$/u
const NUMBER = /^\d{1,3}$/

const MAX_NAME = 40

/** True when `name` passes the speaker-name rule above (shape and no prose lead-in word). */
export function isSpeakerName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME) return false
  const words = name.split(' ')
  if (words.length > 6) return false
  let named = 0
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w.length === 0) return false
    if (i > 0 && i < words.length - 1 && PARTICLES.has(w)) continue
    if (i > 0 && NUMBER.test(w)) continue
    if (!NAME_WORD.test(w) && !INITIAL.test(w)) return false
    const lower = w.replace(/\./g, '').toLowerCase()
    if (LEAD_INS.has(lower) || (i === 0 && OPENERS.has(lower))) return false
    named++
  }
  return named >= 1 && named <= 3
}

/** Where a speaker prefix ends in a cue's text: the name and the index of the first character after it. */
export interface SpeakerPrefix {
  /** The speaker name, decoded to plain text. */
  name: string
  /** Index in the text just after the colon and the whitespace that follows it. */
  rest: number
}

/**
 * Finds a speaker at the start of `text` in any of the three forms above. `decode` maps the raw name to
 * plain text (entities) before the rule is applied. Returns null when the text does not start with one.
 */
export function findSpeakerPrefix(
  text: string,
  decode: (s: string) => string = identity,
): SpeakerPrefix | null {
  let start = 0
  while (start < text.length && isSpace(text.charCodeAt(start))) start++
  const first = text.charCodeAt(start)
  if (first === 60) return voiceTag(text, start, decode)
  if (first === 91) return bracketed(text, start, decode)
  if (first === 62 && text.charCodeAt(start + 1) === 62) {
    start += 2
    while (start < text.length && isSpace(text.charCodeAt(start))) start++
  }
  // The name is short: look for the colon only within reach, so a long line costs nothing.
  const limit = Math.min(text.length, start + MAX_NAME * 2 + 2)
  let colon = -1
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i)
    if (c === 58) {
      colon = i
      break
    }
    if (c === 10) return null
  }
  if (colon <= start) return null
  let nameEnd = colon
  if (text.charCodeAt(nameEnd - 1) === 32) nameEnd--
  return named(text, start, nameEnd, colon, decode)
}

/**
 * Only the bracketed form, `[SPEAKER_03]: text`: for WebVTT, whose own voice tags the cue-text parser
 * reads, and whose text is not written with the bare `Name:` convention.
 */
export function findBracketedSpeaker(text: string): SpeakerPrefix | null {
  let start = 0
  while (start < text.length && isSpace(text.charCodeAt(start))) start++
  return text.charCodeAt(start) === 91 ? bracketed(text, start, identity) : null
}

// `[Name]:` at `start` (a "["): the name between the brackets, the colon right after the "]".
function bracketed(text: string, start: number, decode: (s: string) => string): SpeakerPrefix | null {
  const limit = Math.min(text.length, start + MAX_NAME * 2 + 2)
  let close = -1
  for (let i = start + 1; i < limit; i++) {
    const c = text.charCodeAt(i)
    if (c === 93) {
      close = i
      break
    }
    if (c === 91 || c === 10) return null
  }
  if (close === -1 || text.charCodeAt(close + 1) !== 58) return null
  const colon = close + 1
  if (colon + 1 < text.length && !isSpace(text.charCodeAt(colon + 1))) return null
  const name = decode(text.slice(start + 1, close))
  if (!isLabel(name)) return null
  let rest = colon + 1
  while (rest < text.length && isSpace(text.charCodeAt(rest))) rest++
  return { name, rest }
}

/**
 * The name in a bracketed label: its shape alone (1 to 3 name words, as below, without the prose
 * word lists), since brackets and a colon mark it as a label, as WhisperX writes `[SPEAKER_03]:`.
 */
function isLabel(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME) return false
  const words = name.split(' ')
  if (words.length > 3) return false
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (!NAME_WORD.test(w) && !INITIAL.test(w) && !(i > 0 && NUMBER.test(w))) return false
  }
  return true
}

// The name in text[from, to) with its colon at `colon`: a speaker when the colon ends the text or is
// followed by white space, and the name passes the rule.
function named(
  text: string,
  from: number,
  to: number,
  colon: number,
  decode: (s: string) => string,
): SpeakerPrefix | null {
  if (colon + 1 < text.length && !isSpace(text.charCodeAt(colon + 1))) return null
  const name = decode(text.slice(from, to))
  if (!isSpeakerName(name)) return null
  let rest = colon + 1
  while (rest < text.length && isSpace(text.charCodeAt(rest))) rest++
  return { name, rest }
}

// `<v Name>` or `<v.class Name>` at `start` (a "<"): the annotation up to the ">" is the name.
function voiceTag(text: string, start: number, decode: (s: string) => string): SpeakerPrefix | null {
  if (text.charCodeAt(start + 1) !== 118) return null
  const after = text.charCodeAt(start + 2)
  let i = start + 2
  if (after === 46) {
    // Classes: `.loud.slow`, up to the white space before the annotation.
    while (i < text.length && !isAsciiSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 62) i++
  }
  if (!isAsciiSpace(text.charCodeAt(i))) return null
  const limit = Math.min(text.length, i + MAX_NAME * 2 + 2)
  let close = -1
  for (let k = i + 1; k < limit; k++) {
    const c = text.charCodeAt(k)
    if (c === 62) {
      close = k
      break
    }
    if (c === 60 || c === 10) return null
  }
  if (close === -1) return null
  const name = collapseWhitespace(decode(text.slice(i + 1, close)))
  if (name === '' || name.length > MAX_NAME) return null
  let rest = close + 1
  while (rest < text.length && isSpace(text.charCodeAt(rest))) rest++
  return { name, rest }
}

function identity(s: string): string {
  return s
}
