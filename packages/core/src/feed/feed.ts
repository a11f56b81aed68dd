/**
 * An RSS 2.0 podcast feed read into what a player shows: the show, and each episode with its audio,
 * transcripts, chapters, people and soundbites (iTunes and Podcasting 2.0 namespaces). Text fields are
 * plain strings as the feed holds them after XML decoding: nothing is decoded as HTML, so an HTML
 * `description` is a string of markup that a renderer shows as text (or sanitizes itself). A missing
 * optional field is absent; an element the reader does not know is ignored; a value it cannot use (a
 * duration that is no time) is left out with a warning.
 */
import { FeedParseError } from '../errors.js'
import { parseTimestamp } from '../time.js'
import { childrenOf, type FeedWarning, readXml, textOf, type XmlElement } from './xml.js'

export type { FeedWarning, FeedWarningCode } from './xml.js'

/** A podcast feed: the show and its episodes in feed order. */
export interface Feed {
  title?: string
  /** `itunes:author`. */
  author?: string
  /** Show artwork: `itunes:image` href, else `image/url`. */
  image?: string
  /** The channel's language tag (`en-US`). */
  language?: string
  /** The channel's description as written (often HTML: show it as text, or sanitize it). */
  description?: string
  link?: string
  /** The channel's `podcast:person`s. */
  persons: Person[]
  items: FeedItem[]
  /** What the reader skipped or could not use, with lines. */
  warnings: FeedWarning[]
}

/** One episode. */
export interface FeedItem {
  title?: string
  guid?: string
  /** The item's description as written (often HTML: show it as text, or sanitize it). */
  description?: string
  link?: string
  enclosure?: Enclosure
  /** `itunes:duration` in seconds. */
  duration?: number
  /** `itunes:image` href. */
  image?: string
  /** `pubDate` as written (RFC 822). */
  pubDate?: string
  /** `itunes:episode`: the episode's number in its show (a positive whole number). */
  episode?: number
  /** Every `podcast:transcript`, in feed order. */
  transcripts: FeedTranscript[]
  chapters?: FeedChapters
  /** The item's `podcast:person`s, or the channel's when the item names none. */
  persons: Person[]
  soundbites: Soundbite[]
}

/** The audio (or video) file of an episode. */
export interface Enclosure {
  url: string
  type?: string
  /** Bytes. */
  length?: number
}

/** A `podcast:transcript` link. */
export interface FeedTranscript {
  url: string
  /** MIME type as written: `application/json`, `text/vtt`, `application/x-subrip`, `text/html`, `text/plain`. */
  type: string
  /** Language tag; the channel's language when the element has none (as the namespace says). */
  language?: string
  /** `captions` when the file is meant as closed captions (it is still a transcript). */
  rel?: string
}

/** A `podcast:chapters` link. */
export interface FeedChapters {
  url: string
  type?: string
}

/** A `podcast:person`. */
export interface Person {
  name: string
  /** Defaults to `host`, as the namespace says. */
  role: string
  /** Defaults to `cast`, as the namespace says. */
  group: string
  img?: string
  href?: string
}

/** A `podcast:soundbite`: a short clip worth sharing. */
export interface Soundbite {
  /** Seconds. */
  startTime: number
  /** Seconds. */
  duration: number
  title?: string
}

/** Options of `readFeed`. */
export interface FeedOptions {
  /** Longest feed accepted, in characters (UTF-16 code units); default 20,000,000 (20 MB). */
  maxSize?: number
  /** Deepest element nesting accepted; default 256 (real feeds nest fewer than 10 deep). */
  maxDepth?: number
}

/**
 * Reads an RSS 2.0 podcast feed. Throws `FeedParseError` (with the line) for malformed XML, a feed over
 * the limits, or XML that is not RSS; anything else odd is reported in `warnings`.
 */
export function readFeed(xml: string, options: FeedOptions = {}): Feed {
  const { root, warnings } = readXml(xml, {
    maxSize: options.maxSize ?? 20_000_000,
    maxDepth: options.maxDepth ?? 256,
  })
  if (root.name !== 'rss')
    throw new FeedParseError(root.line, 'an <rss> root element (an RSS 2.0 feed)', `<${root.name}>`)
  const channel = childrenOf(root).find((el) => el.name === 'channel')
  if (channel === undefined) throw new FeedParseError(root.line, 'a <channel> inside <rss>')
  const feed: Feed = { persons: [], items: [], warnings }
  const itemEls: XmlElement[] = []
  let imageUrl: string | undefined
  for (const el of childrenOf(channel)) {
    switch (el.name) {
      case 'title':
        set(feed, 'title', text(el))
        break
      case 'itunes:author':
        set(feed, 'author', text(el))
        break
      case 'language':
        set(feed, 'language', text(el))
        break
      case 'description':
        set(feed, 'description', text(el))
        break
      case 'itunes:summary':
        if (feed.description === undefined) set(feed, 'description', text(el))
        break
      case 'link':
        set(feed, 'link', text(el))
        break
      case 'itunes:image':
        set(feed, 'image', attr(el, 'href'))
        break
      case 'image': {
        const url = childrenOf(el).find((c) => c.name === 'url')
        if (url !== undefined) imageUrl = text(url)
        break
      }
      case 'podcast:person': {
        const person = readPerson(el, warnings)
        if (person !== undefined) feed.persons.push(person)
        break
      }
      case 'item':
        itemEls.push(el)
        break
    }
  }
  if (feed.image === undefined) set(feed, 'image', imageUrl)
  for (const el of itemEls) feed.items.push(readItem(el, feed, warnings))
  return feed
}

/** The episode whose `guid` is `guid` (white space around either ignored), or undefined. */
export function findEpisode(feed: Feed, guid: string): FeedItem | undefined {
  const want = guid.trim()
  return feed.items.find((item) => item.guid !== undefined && item.guid.trim() === want)
}

function readItem(itemEl: XmlElement, feed: Feed, warnings: FeedWarning[]): FeedItem {
  const item: FeedItem = { transcripts: [], persons: [], soundbites: [] }
  let descriptionRank = DESCRIPTIONS.length
  for (const el of childrenOf(itemEl)) {
    switch (el.name) {
      case 'title':
        set(item, 'title', text(el))
        break
      case 'guid':
        set(item, 'guid', text(el))
        break
      case 'content:encoded':
      case 'description':
      case 'itunes:summary': {
        // The fuller show notes win whatever the order: content:encoded, then description, then the summary.
        const rank = DESCRIPTIONS.indexOf(el.name)
        const value = text(el)
        if (value !== undefined && rank < descriptionRank) {
          item.description = value
          descriptionRank = rank
        }
        break
      }
      case 'link':
        set(item, 'link', text(el))
        break
      case 'pubDate':
        set(item, 'pubDate', text(el))
        break
      case 'itunes:image':
        set(item, 'image', attr(el, 'href'))
        break
      case 'itunes:episode': {
        const value = textOf(el).trim()
        const n = Number(value)
        if (/^\d+$/.test(value) && Number.isSafeInteger(n) && n > 0) item.episode = n
        else
          warn(
            warnings,
            el,
            'invalid-value',
            `itunes:episode ${JSON.stringify(textOf(el))} is not an episode number: left out`,
          )
        break
      }
      case 'itunes:duration': {
        const seconds = parseTimestamp(textOf(el))
        if (Number.isFinite(seconds)) item.duration = seconds
        else
          warn(
            warnings,
            el,
            'invalid-value',
            `itunes:duration ${JSON.stringify(textOf(el))} is not a time: left out`,
          )
        break
      }
      case 'enclosure': {
        const url = attr(el, 'url')
        if (url === undefined) {
          warn(warnings, el, 'missing-value', 'an enclosure without a url: left out')
          break
        }
        const enclosure: Enclosure = { url }
        set(enclosure, 'type', attr(el, 'type'))
        const length = attr(el, 'length')
        if (length !== undefined) {
          const n = Number(length)
          if (/^\s*\d+\s*$/.test(length) && Number.isSafeInteger(n)) enclosure.length = n
          else
            warn(
              warnings,
              el,
              'invalid-value',
              `enclosure length ${JSON.stringify(length)} is not a byte count: left out`,
            )
        }
        item.enclosure = enclosure
        break
      }
      case 'podcast:transcript': {
        const url = attr(el, 'url')
        const type = attr(el, 'type')
        if (url === undefined || type === undefined) {
          warn(warnings, el, 'missing-value', 'a podcast:transcript without url or type: left out')
          break
        }
        const transcript: FeedTranscript = { url, type }
        set(transcript, 'language', attr(el, 'language') ?? feed.language)
        set(transcript, 'rel', attr(el, 'rel'))
        item.transcripts.push(transcript)
        break
      }
      case 'podcast:chapters': {
        const url = attr(el, 'url')
        if (url === undefined) {
          warn(warnings, el, 'missing-value', 'a podcast:chapters without url: left out')
          break
        }
        const chapters: FeedChapters = { url }
        set(chapters, 'type', attr(el, 'type'))
        item.chapters = chapters
        break
      }
      case 'podcast:person': {
        const person = readPerson(el, warnings)
        if (person !== undefined) item.persons.push(person)
        break
      }
      case 'podcast:soundbite': {
        const start = Number(attr(el, 'startTime') ?? Number.NaN)
        const duration = Number(attr(el, 'duration') ?? Number.NaN)
        if (!(Number.isFinite(start) && start >= 0 && Number.isFinite(duration) && duration > 0)) {
          warn(
            warnings,
            el,
            'invalid-value',
            'a podcast:soundbite without a usable startTime and duration: left out',
          )
          break
        }
        const soundbite: Soundbite = { startTime: start, duration }
        set(soundbite, 'title', text(el))
        item.soundbites.push(soundbite)
        break
      }
    }
  }
  if (item.persons.length === 0) item.persons = feed.persons.slice()
  return item
}

/** Where an item's description comes from, the preferred first. */
const DESCRIPTIONS = ['content:encoded', 'description', 'itunes:summary']

function readPerson(el: XmlElement, warnings: FeedWarning[]): Person | undefined {
  const name = text(el)
  if (name === undefined) {
    warn(warnings, el, 'missing-value', 'a podcast:person without a name: left out')
    return undefined
  }
  const person: Person = { name, role: attr(el, 'role') ?? 'host', group: attr(el, 'group') ?? 'cast' }
  set(person, 'img', attr(el, 'img'))
  set(person, 'href', attr(el, 'href'))
  return person
}

/** The element's text, trimmed, or undefined when it has none. */
function text(el: XmlElement): string | undefined {
  const t = textOf(el).trim()
  return t.length === 0 ? undefined : t
}

function attr(el: XmlElement, name: string): string | undefined {
  const v = el.attrs[name]?.trim()
  return v === undefined || v.length === 0 ? undefined : v
}

/** Sets an optional field only when there is a value, so that a missing one stays absent. */
function set<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value
}

function warn(warnings: FeedWarning[], el: XmlElement, code: FeedWarning['code'], message: string): void {
  if (warnings.length < 100) warnings.push({ line: el.line, code, message })
}
