/**
 * A small XML reader for podcast feeds, written for hostile input: a feed is data from someone else's
 * server. It reads elements, attributes, text and CDATA into a tree, and nothing more:
 * - a DOCTYPE is skipped, never expanded: no external entity is fetched, and entities declared in its
 *   internal subset are ignored (with a warning), so "billion laughs" costs nothing;
 * - only the five predefined entities and numeric character references are decoded; any other `&name;`
 *   (or a bare `&`) stays in the text as written, with a warning;
 * - the source has a size limit and elements a depth limit, and the tree is built with an explicit stack,
 *   so no input can overflow the call stack;
 * - malformed markup throws `FeedParseError` with the 1-based line and what was expected.
 * Namespace prefixes are resolved: an element of the iTunes or Podcasting 2.0 namespace gets the name
 * `itunes:x` or `podcast:x` whatever prefix the feed declared for it.
 */
import { FeedParseError } from '../errors.js'

/** One element: its name (namespace-resolved), attributes, content in document order, and its line. */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  content: Array<string | XmlElement>
  line: number
}

/** A recoverable oddity met while reading a feed. */
export interface FeedWarning {
  /** 1-based line where the oddity is. */
  line: number
  /** A short machine-readable kind. */
  code: FeedWarningCode
  /** What was wrong and what the reader did about it. */
  message: string
}

/** Machine-readable kinds of `FeedWarning`. */
export type FeedWarningCode = 'doctype' | 'entity' | 'invalid-value' | 'missing-value'

/** Limits of `readXml`. */
export interface XmlLimits {
  /** Longest source accepted, in UTF-16 code units (about bytes for a Latin-script feed). */
  maxSize: number
  /** Deepest element nesting accepted. */
  maxDepth: number
}

/** Known namespaces, by URI, and the prefix their elements are named with. */
const NAMESPACES: Record<string, string> = {
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'https://podcastindex.org/namespace/1.0': 'podcast',
  'https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md': 'podcast',
  'http://purl.org/rss/1.0/modules/content/': 'content',
}

/** Most warnings kept: a feed full of bare `&`s reports the first ones, not millions. */
const MAX_WARNINGS = 100

/** Reads `source` into its root element, with the warnings met. Throws `FeedParseError` on malformed XML. */
export function readXml(source: string, limits: XmlLimits): { root: XmlElement; warnings: FeedWarning[] } {
  if (typeof source !== 'string') throw new FeedParseError(1, 'the feed as a string', typeof source)
  if (source.length > limits.maxSize) {
    throw new FeedParseError(
      1,
      `a feed of at most ${limits.maxSize} characters`,
      `${source.length} characters`,
    )
  }
  return new XmlScan(source, limits).run()
}

/** One read: its state lives here. */
class XmlScan {
  readonly s: string
  readonly limits: XmlLimits
  readonly warnings: FeedWarning[] = []
  pos = 0
  /** `lineAt` counts forward from here: positions asked for nearly always grow. */
  private linePos = 0
  private line = 1
  /** The first line break at or after `linePos` (the source's length when there is none). */
  private nextBreak = -1
  private warnedEntities = new Set<string>()

  constructor(s: string, limits: XmlLimits) {
    this.s = s
    this.limits = limits
  }

  /**
   * The 1-based line of `pos`. Counts on from the last position asked for, and remembers the next line
   * break, so that a feed on one line is not searched to its end on every call.
   */
  lineAt(pos: number): number {
    const s = this.s
    if (pos < this.linePos) {
      // An attribute's warning came before its element's line was asked for: count again from the start.
      this.linePos = 0
      this.line = 1
      this.nextBreak = -1
    }
    if (this.nextBreak < this.linePos) this.nextBreak = breakAt(s, this.linePos)
    while (this.nextBreak < pos) {
      this.line++
      this.nextBreak = breakAt(s, this.nextBreak + 1)
    }
    this.linePos = pos
    return this.line
  }

  warn(pos: number, code: FeedWarningCode, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ line: this.lineAt(pos), code, message })
  }

  fail(pos: number, expected: string, found?: string): never {
    throw new FeedParseError(this.lineAt(pos), expected, found)
  }

  found(pos: number): string {
    return pos >= this.s.length ? 'the end of the feed' : this.s.slice(pos, pos + 30).split('\n')[0]!
  }

  run(): { root: XmlElement; warnings: FeedWarning[] } {
    const s = this.s
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1
    /** Open elements, innermost last, with the namespace prefixes each declared. */
    const stack: Array<{ el: XmlElement; raw: string; ns: Map<string, string> | null }> = []
    let root: XmlElement | null = null
    while (this.pos < s.length) {
      const lt = s.indexOf('<', this.pos)
      const textEnd = lt === -1 ? s.length : lt
      if (textEnd > this.pos) {
        const top = stack[stack.length - 1]
        if (top === undefined) {
          if (!isXmlSpaceRange(s, this.pos, textEnd)) this.fail(this.pos, 'markup', this.found(this.pos))
        } else {
          top.el.content.push(this.decode(this.pos, textEnd))
        }
        this.pos = textEnd
        continue
      }
      // At '<'.
      const at = this.pos
      if (s.startsWith('<!--', at)) {
        const end = s.indexOf('-->', at + 4)
        if (end === -1) this.fail(at, 'the end of the comment "-->"', 'the end of the feed')
        this.pos = end + 3
      } else if (s.startsWith('<![CDATA[', at)) {
        const end = s.indexOf(']]>', at + 9)
        if (end === -1) this.fail(at, 'the end of the CDATA section "]]>"', 'the end of the feed')
        const top = stack[stack.length - 1]
        if (top === undefined) this.fail(at, 'a root element', this.found(at))
        top.el.content.push(s.slice(at + 9, end))
        this.pos = end + 3
      } else if (s.startsWith('<?', at)) {
        const end = s.indexOf('?>', at + 2)
        if (end === -1) this.fail(at, 'the end of the processing instruction "?>"', 'the end of the feed')
        this.pos = end + 2
      } else if (s.startsWith('<!DOCTYPE', at) || s.startsWith('<!doctype', at)) {
        if (root !== null || stack.length > 0) this.fail(at, 'no DOCTYPE after the root element', 'a DOCTYPE')
        this.skipDoctype(at)
      } else if (s.charCodeAt(at + 1) === 47) {
        // '</name>'
        const nameEnd = scanName(s, at + 2)
        if (nameEnd === at + 2) this.fail(at, 'an element name after "</"', this.found(at))
        const raw = s.slice(at + 2, nameEnd)
        let i = skipXmlSpace(s, nameEnd)
        if (s.charCodeAt(i) !== 62) this.fail(i, `">" to end </${raw}>`, this.found(i))
        i++
        const top = stack.pop()
        if (top === undefined) this.fail(at, 'no end tag outside the root element', `</${raw}>`)
        if (top.raw !== raw) {
          this.fail(at, `</${top.raw}> (opened on line ${top.el.line})`, `</${raw}>`)
        }
        this.pos = i
      } else {
        // '<name attrs>' or '<name attrs/>'
        const nameEnd = scanName(s, at + 1)
        if (nameEnd === at + 1) this.fail(at, 'an element name after "<"', this.found(at))
        if (stack.length === 0 && root !== null) this.fail(at, 'a single root element', this.found(at))
        if (stack.length >= this.limits.maxDepth) {
          this.fail(at, `elements nested at most ${this.limits.maxDepth} deep`, this.found(at))
        }
        const raw = s.slice(at + 1, nameEnd)
        const rawAttrs: Array<[string, string]> = []
        let i = nameEnd
        let selfClosing = false
        for (;;) {
          const before = i
          i = skipXmlSpace(s, i)
          const c = s.charCodeAt(i)
          if (c === 62) {
            i++
            break
          }
          if (c === 47 && s.charCodeAt(i + 1) === 62) {
            i += 2
            selfClosing = true
            break
          }
          if (Number.isNaN(c)) this.fail(at, `">" to end the tag <${raw}>`, 'the end of the feed')
          if (i === before) this.fail(i, `white space, ">" or "/>" in the tag <${raw}>`, this.found(i))
          const attrEnd = scanName(s, i)
          if (attrEnd === i) this.fail(i, `an attribute name in the tag <${raw}>`, this.found(i))
          const attr = s.slice(i, attrEnd)
          i = skipXmlSpace(s, attrEnd)
          if (s.charCodeAt(i) !== 61) this.fail(i, `"=" after the attribute ${attr}`, this.found(i))
          i = skipXmlSpace(s, i + 1)
          const quote = s.charCodeAt(i)
          if (quote !== 34 && quote !== 39)
            this.fail(i, `a quoted value for the attribute ${attr}`, this.found(i))
          const close = s.indexOf(quote === 34 ? '"' : "'", i + 1)
          if (close === -1) this.fail(i, `the closing quote of the attribute ${attr}`, 'the end of the feed')
          rawAttrs.push([attr, this.decode(i + 1, close)])
          i = close + 1
        }
        let ns: Map<string, string> | null = null
        const attrs: Record<string, string> = Object.create(null) as Record<string, string>
        for (const [name, value] of rawAttrs) {
          if (name.startsWith('xmlns:')) {
            ns ??= new Map()
            ns.set(name.slice(6), value)
          }
          if (!(name in attrs)) attrs[name] = value
        }
        const el: XmlElement = {
          name: this.resolve(raw, ns, stack),
          attrs,
          content: [],
          line: this.lineAt(at),
        }
        const parent = stack[stack.length - 1]
        if (parent === undefined) root = el
        else parent.el.content.push(el)
        if (!selfClosing) stack.push({ el, raw, ns })
        this.pos = i
      }
    }
    const open = stack[stack.length - 1]
    if (open !== undefined) {
      throw new FeedParseError(
        open.el.line,
        `</${open.raw}> to close the element opened on this line`,
        'the end of the feed',
      )
    }
    if (root === null) this.fail(s.length, 'a root element', 'the end of the feed')
    return { root, warnings: this.warnings }
  }

  /** The element's name: a known namespace's prefix in place of the one the feed declared. */
  resolve(
    raw: string,
    own: Map<string, string> | null,
    stack: Array<{ ns: Map<string, string> | null }>,
  ): string {
    const colon = raw.indexOf(':')
    if (colon === -1) return raw
    const prefix = raw.slice(0, colon)
    let uri = own?.get(prefix)
    for (let k = stack.length - 1; uri === undefined && k >= 0; k--) uri = stack[k]!.ns?.get(prefix)
    const known = uri === undefined ? undefined : NAMESPACES[uri]
    return known === undefined ? raw : `${known}:${raw.slice(colon + 1)}`
  }

  /** Skips `<!DOCTYPE ...>` with its internal subset, never reading what it declares. */
  skipDoctype(at: number): void {
    const s = this.s
    let i = at + 9
    let subset = false
    let entities = false
    for (;;) {
      if (i >= s.length) this.fail(at, 'the end of the DOCTYPE ">"', 'the end of the feed')
      const c = s.charCodeAt(i)
      if (c === 34 || c === 39) {
        const close = s.indexOf(c === 34 ? '"' : "'", i + 1)
        if (close === -1) this.fail(i, 'a closing quote in the DOCTYPE', 'the end of the feed')
        i = close + 1
      } else if (subset && s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4)
        if (end === -1) this.fail(i, 'the end of the comment "-->"', 'the end of the feed')
        i = end + 3
      } else if (c === 91) {
        subset = true
        i++
      } else if (c === 93) {
        subset = false
        i++
      } else if (c === 62 && !subset) {
        i++
        break
      } else {
        if (subset && s.startsWith('<!ENTITY', i)) entities = true
        i++
      }
    }
    this.warn(
      at,
      'doctype',
      entities
        ? 'DOCTYPE skipped: the entities it declares are ignored, and their references kept as written'
        : 'DOCTYPE skipped: nothing it names is loaded',
    )
    this.pos = i
  }

  /** Text of `s[from, to)` with the predefined entities and character references decoded. */
  decode(from: number, to: number): string {
    const s = this.s
    // Searches stay inside [from, to): a search to the end of the source for every text would be quadratic.
    let amp = charIn(s, 38, from, to)
    if (amp === -1) return s.slice(from, to)
    let out = ''
    let last = from
    while (amp !== -1) {
      // The longest reference decoded, `#x10FFFF`, is 8 characters between `&` and `;`.
      const semi = charIn(s, 59, amp + 1, Math.min(to, amp + 12))
      const ref = semi === -1 ? null : s.slice(amp + 1, semi)
      const value = ref === null ? undefined : entityValue(ref)
      if (value === undefined) {
        const name = ref === null ? '&' : `&${ref};`
        if (!this.warnedEntities.has(name)) {
          this.warnedEntities.add(name)
          this.warn(
            amp,
            'entity',
            ref === null
              ? 'a bare "&" is kept as text (XML wants "&amp;")'
              : `the entity ${name} is not one XML predefines: kept as written`,
          )
        }
        amp = charIn(s, 38, amp + 1, to)
        continue
      }
      out += s.slice(last, amp) + value
      last = semi + 1
      amp = charIn(s, 38, last, to)
    }
    return out + s.slice(last, to)
  }
}

/** Index of the first `code` in `s[from, to)`, or -1. */
function charIn(s: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === code) return i
  return -1
}

/** Index of the first line break at or after `from`, or the source's length. */
function breakAt(s: string, from: number): number {
  const i = s.indexOf('\n', from)
  return i === -1 ? s.length : i
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** The text of a predefined entity or a character reference (`#38`, `#x26`), or undefined. */
function entityValue(ref: string): string | undefined {
  if (ref.charCodeAt(0) !== 35) return Object.hasOwn(PREDEFINED, ref) ? PREDEFINED[ref] : undefined
  const hex = ref.charCodeAt(1) === 120 || ref.charCodeAt(1) === 88
  const digits = ref.slice(hex ? 2 : 1)
  if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined
  const cp = Number.parseInt(digits, hex ? 16 : 10)
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined
  return String.fromCodePoint(cp)
}

/** End of an XML name at `from` (letters, digits, `_`, `:`, `-`, `.`, and anything non-ASCII). */
function scanName(s: string, from: number): number {
  let i = from
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      c === 95 ||
      c === 58 ||
      c >= 128 ||
      (i > from && ((c >= 48 && c <= 57) || c === 45 || c === 46))
    )
      i++
    else break
  }
  return i
}

function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

function skipXmlSpace(s: string, from: number): number {
  let i = from
  while (i < s.length && isXmlSpace(s.charCodeAt(i))) i++
  return i
}

function isXmlSpaceRange(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isXmlSpace(s.charCodeAt(i))) return false
  return true
}

/** The text of an element and everything inside it, in document order (iterative: no depth limit). */
export function textOf(el: XmlElement): string {
  let out = ''
  const stack: Array<string | XmlElement> = [el]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node === 'string') out += node
    else for (let k = node.content.length - 1; k >= 0; k--) stack.push(node.content[k]!)
  }
  return out
}

/** The element children of `el`. */
export function childrenOf(el: XmlElement): XmlElement[] {
  return el.content.filter((n): n is XmlElement => typeof n !== 'string')
}
