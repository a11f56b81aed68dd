/**
 * Tells from its shape whether a regular expression's search stays linear in the input it is given, for
 * the work counts of ./work.ts, which see how far a search went but not the steps it took on the way.
 * A backtracking engine (V8's) goes quadratic or worse in two ways, and each needs an open-ended
 * repetition (`*`, `+`, `{n,}`):
 *
 * - many start positions, each scanning the same run: /\s+$/ on a long run of spaces tries every space
 *   and scans the rest of the run from each;
 * - backtracking into a run that what follows can also match: /^\d*\d*x/ tries every split of a run of
 *   digits between the two repetitions.
 *
 * `linearRisk` returns null when neither can happen, which it checks for every open-ended repetition:
 * it repeats one character (a literal, an escape, a class or `.`), never a group; it is not in a
 * lookaround; unless the expression has one start position (sticky, or `^` first without the `m` flag),
 * nothing follows it, or a required character it cannot match comes just before it (so one start, or a
 * bounded number, reach each run); and unless no other open-ended repetition can follow it, what may come
 * next cannot be one of its characters (so giving back a character never lets the rest go on). Otherwise
 * it says which repetition breaks which rule. The rules are sufficient, not necessary: a safe expression
 * may still be refused, never the reverse. Backreferences, `v`-flag classes and modifiers are refused.
 */

interface Char {
  kind: 'char'
  source: string
}
interface Group {
  kind: 'group' | 'look'
  body: Alternatives
}
type Atom = Char | Group | { kind: 'assert'; source: string } | { kind: 'backref' }
interface Term {
  atom: Atom
  min: number
  max: number
  /** Where the term starts in the source, to name it in a reason. */
  at: number
}
type Sequence = Term[]
type Alternatives = Sequence[]

/** Parses the syntax of a RegExp source into alternatives of terms; throws on what it does not read. */
function parse(src: string): Alternatives {
  let i = 0
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i}`)
  }
  const alternatives = (): Alternatives => {
    const list = [sequence()]
    while (src[i] === '|') {
      i++
      list.push(sequence())
    }
    return list
  }
  const sequence = (): Sequence => {
    const terms: Sequence = []
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const at = i
      const atom = readAtom()
      const [min, max] = quantifier()
      terms.push({ atom, min, max, at })
    }
    return terms
  }
  const readAtom = (): Atom => {
    const c = src[i]!
    if (c === '(') {
      i++
      let kind: 'group' | 'look' = 'group'
      if (src.startsWith('?:', i)) i += 2
      else if (src.startsWith('?=', i) || src.startsWith('?!', i)) {
        kind = 'look'
        i += 2
      } else if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) {
        kind = 'look'
        i += 3
      } else if (src.startsWith('?<', i)) i = src.indexOf('>', i) + 1
      else if (src[i] === '?') fail('a modifier group')
      const body = alternatives()
      if (src[i] !== ')') fail('an unclosed group')
      i++
      return { kind, body }
    }
    if (c === '[') {
      const start = i++
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1
      if (i >= src.length) fail('an unclosed class')
      i++
      return { kind: 'char', source: src.slice(start, i) }
    }
    if (c === '^' || c === '$') {
      i++
      return { kind: 'assert', source: c }
    }
    if (c === '\\') return readEscape()
    const point = src.codePointAt(i)!
    const source = String.fromCodePoint(point)
    i += source.length
    return { kind: 'char', source }
  }
  const readEscape = (): Atom => {
    const start = i
    const next = src[i + 1]
    if (next === undefined) fail('a trailing backslash')
    if (next === 'b' || next === 'B') {
      i += 2
      return { kind: 'assert', source: src.slice(start, i) }
    }
    if (next! >= '1' && next! <= '9') {
      i += 2
      while (src[i]! >= '0' && src[i]! <= '9') i++
      return { kind: 'backref' }
    }
    if (next === 'k' && src[i + 2] === '<') {
      i = src.indexOf('>', i) + 1
      return { kind: 'backref' }
    }
    if (next === 'p' || next === 'P' || (next === 'u' && src[i + 2] === '{')) i = src.indexOf('}', i) + 1
    else if (next === 'u') i += 6
    else if (next === 'x') i += 4
    else if (next === 'c') i += 3
    else i += 2
    return { kind: 'char', source: src.slice(start, i) }
  }
  const quantifier = (): [number, number] => {
    let bounds: [number, number]
    const c = src[i]
    if (c === '*') bounds = [0, Number.POSITIVE_INFINITY]
    else if (c === '+') bounds = [1, Number.POSITIVE_INFINITY]
    else if (c === '?') bounds = [0, 1]
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i))
      if (!m) return [1, 1]
      const min = Number(m[1])
      const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3])
      i += m[0].length - 1
      bounds = [min, max]
    } else return [1, 1]
    i++
    if (src[i] === '?') i++
    return bounds
  }
  const parsed = alternatives()
  if (i !== src.length) fail('an unmatched )')
  return parsed
}

/** The end of the pattern: a match is complete there. */
const END = '\u0000end'
/** An assertion or lookaround: it consumes nothing, but it may fail. */
const CHECK = '\u0000check'

/** One level of what follows a term: the rest of its sequence, then its group again if that repeats. */
interface Frame {
  sequence: Sequence
  next: number
  repeats: Alternatives | null
}

/** Adds the characters that may start `terms` from `from` on; tells whether all of them may be empty. */
function firstOfSequence(terms: Sequence, from: number, out: Set<string>): boolean {
  for (let k = from; k < terms.length; k++) if (!firstOfTerm(terms[k]!, out)) return false
  return true
}
function firstOfAlternatives(list: Alternatives, out: Set<string>): boolean {
  let empty = false
  for (const terms of list) if (firstOfSequence(terms, 0, out)) empty = true
  return empty
}
function firstOfTerm(term: Term, out: Set<string>): boolean {
  if (term.max === 0) return true
  const { atom } = term
  // Assertions and lookarounds consume nothing: what may come first is what follows them.
  if (atom.kind === 'assert' || atom.kind === 'look') {
    out.add(CHECK)
    return true
  }
  if (atom.kind === 'char') out.add(atom.source)
  else if (atom.kind === 'group') return firstOfAlternatives(atom.body, out) || term.min === 0
  return term.min === 0
}
/** What may come first after the innermost frame: through each frame that may end, up to END. */
function firstAfter(frames: Frame[]): Set<string> {
  const out = new Set<string>()
  for (const frame of frames) {
    const through = firstOfSequence(frame.sequence, frame.next, out)
    if (frame.repeats) firstOfAlternatives(frame.repeats, out)
    if (!through) return out
  }
  out.add(END)
  return out
}

/**
 * What must come just before the end of `term`: its character, the last ones of each of its group's
 * alternatives, or `^`; null when that is not one required thing.
 */
function lastOf(term: Term): string[] | null {
  const { atom } = term
  if (term.min < 1) return null
  if (atom.kind === 'char') return [atom.source]
  if (atom.kind === 'assert') return atom.source === '^' ? ['^'] : null
  if (atom.kind !== 'group') return null
  const out: string[] = []
  for (const terms of atom.body) {
    const last = terms.length > 0 ? lastOf(terms[terms.length - 1]!) : null
    if (last === null) return null
    out.push(...last)
  }
  return out
}

const openEnded = (t: Term): boolean => t.max === Number.POSITIVE_INFINITY
function hasOpenEnded(terms: Sequence, from = 0): boolean {
  for (let k = from; k < terms.length; k++) {
    const t = terms[k]!
    if (openEnded(t)) return true
    if ((t.atom.kind === 'group' || t.atom.kind === 'look') && t.atom.body.some((s) => hasOpenEnded(s)))
      return true
  }
  return false
}
const openEndedAfter = (frames: Frame[]): boolean =>
  frames.some((f) => hasOpenEnded(f.sequence, f.next) || (f.repeats?.some((s) => hasOpenEnded(s)) ?? false))

/** Whether no character matches both single-character patterns (every code point is tried). */
function disjoint(a: string, b: string, flags: string): boolean {
  const one = flags.replace(/[gyd]/g, '')
  const ra = new RegExp(`^(?:${a})$`, one)
  const rb = new RegExp(`^(?:${b})$`, one)
  const last = one.includes('u') || one.includes('v') ? 0x10ffff : 0xffff
  for (let cp = 0; cp <= last; cp++) {
    const ch = String.fromCodePoint(cp)
    if (ra.test(ch) && rb.test(ch)) return false
  }
  return true
}

const verdicts = new Map<string, string | null>()

/** Null when a search of `re` costs at most a few steps per character searched; else the reason why not. */
export function linearRisk(re: RegExp): string | null {
  const key = `/${re.source}/${re.flags}`
  if (!verdicts.has(key)) verdicts.set(key, judge(re))
  return verdicts.get(key)!
}

function judge(re: RegExp): string | null {
  if (re.flags.includes('v')) return 'v-flag classes are not read'
  let tree: Alternatives
  try {
    tree = parse(re.source)
  } catch (e) {
    return `not read: ${(e as Error).message}`
  }
  const startsAnchored = tree.every((s) => {
    const first = s[0]?.atom
    return first?.kind === 'assert' && first.source === '^'
  })
  const oneStart = re.sticky || (startsAnchored && !re.multiline)
  const name = (t: Term) => `the repetition at ${t.at} of /${re.source}/`

  const visit = (
    list: Alternatives,
    outer: Frame[],
    repeats: Alternatives | null,
    inLook: boolean,
  ): string | null => {
    for (const terms of list) {
      for (let k = 0; k < terms.length; k++) {
        const term = terms[k]!
        const frames: Frame[] = [{ sequence: terms, next: k + 1, repeats }, ...outer]
        const { atom } = term
        if (atom.kind === 'backref') return 'a backreference'
        if (atom.kind === 'group' || atom.kind === 'look') {
          if (openEnded(term) && atom.body.some((s) => hasOpenEnded(s)))
            return `${name(term)} repeats a group that has a repetition of its own`
          const reason = visit(
            atom.body,
            frames,
            term.max > 1 ? atom.body : null,
            inLook || atom.kind === 'look',
          )
          if (reason) return reason
          if (openEnded(term)) return `${name(term)} repeats a group`
          continue
        }
        if (!openEnded(term) || atom.kind !== 'char') continue
        if (inLook) return `${name(term)} is in a lookaround`
        const next = firstAfter(frames)
        if (!oneStart) {
          const last = next.size === 1 && next.has(END)
          const before = k > 0 ? lastOf(terms[k - 1]!) : null
          const fenced =
            before?.every((c) => (c === '^' ? !re.multiline : disjoint(c, atom.source, re.flags))) ?? false
          if (!last && !fenced)
            return `${name(term)} is followed by more, and nothing it cannot match comes just before it`
        }
        if (openEndedAfter(frames))
          for (const c of next)
            if (c !== END && c !== CHECK && !disjoint(c, atom.source, re.flags))
              return `${name(term)} may give back a character that ${c} after it also matches`
      }
    }
    return null
  }
  return visit(tree, [], null, false)
}
