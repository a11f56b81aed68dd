/** Schemes a link may point the player at: anything else (javascript:, data:, file:...) is refused. */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'blob:'])

/** Longest title a link may set; the rest is cut so that a crafted link cannot flood the page. */
const MAX_TITLE = 200

/** A hosted episode described by the page's query string. */
export interface LinkedEpisode {
  audio: string
  transcript: string
  peaks?: string
  title?: string
}

/** An episode of a podcast feed: the feed's URL and the episode's GUID. */
export interface LinkedFeed {
  feed: string
  guid: string
}

/** Longest GUID a link may name (real ones are URLs or UUIDs, well under this). */
const MAX_GUID = 1000

/** What the query string asks for: nothing, an episode, a feed's episode, or something refused (with the reason to show). */
export type LinkParams =
  | { kind: 'none' }
  | { kind: 'episode'; episode: LinkedEpisode }
  | { kind: 'feed'; feed: LinkedFeed }
  | { kind: 'refused'; message: string }

/**
 * Resolves `value` against `base` and accepts it only when it is http(s):, blob: or a relative URL
 * (which resolves to the page's own origin). Returns the absolute URL, or the reason it was refused.
 */
export function checkLinkUrl(value: string, base: string): { url: string } | { reason: string } {
  let url: URL
  try {
    url = new URL(value.trim(), base)
  } catch {
    return { reason: 'it is not a valid URL' }
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
    return { reason: `${url.protocol} URLs are not allowed (only http:, https:, blob: and relative URLs)` }
  }
  return { url: url.href }
}

/**
 * Reads `?feed=...&episode=GUID` (a podcast feed's episode) or `?audio=...&transcript=...&peaks=...&title=...`;
 * `base` is the page's URL for relative links.
 */
export function readLinkParams(search: string, base: string): LinkParams {
  const params = new URLSearchParams(search)
  const feed = params.get('feed')
  if (feed !== null) {
    const guid = params.get('episode')?.trim() ?? ''
    if (feed.trim() === '' || guid === '') {
      return {
        kind: 'refused',
        message:
          "This link names no episode: it needs both a feed= and an episode= (the episode's GUID) parameter.",
      }
    }
    const result = checkLinkUrl(feed, base)
    if ('reason' in result)
      return { kind: 'refused', message: `This link's feed= parameter was refused: ${result.reason}.` }
    return { kind: 'feed', feed: { feed: result.url, guid: guid.slice(0, MAX_GUID) } }
  }
  const audio = params.get('audio')
  const transcript = params.get('transcript')
  const peaks = params.get('peaks')
  if (audio === null && transcript === null && peaks === null) return { kind: 'none' }
  if (audio === null || audio.trim() === '' || transcript === null || transcript.trim() === '') {
    return {
      kind: 'refused',
      message: 'This link names no episode: it needs both an audio= and a transcript= parameter.',
    }
  }
  const checked: Array<[string, string]> = [
    ['audio', audio],
    ['transcript', transcript],
  ]
  if (peaks !== null && peaks.trim() !== '') checked.push(['peaks', peaks])
  const urls: Record<string, string> = {}
  for (const [name, value] of checked) {
    const result = checkLinkUrl(value, base)
    if ('reason' in result) {
      return { kind: 'refused', message: `This link's ${name}= parameter was refused: ${result.reason}.` }
    }
    urls[name] = result.url
  }
  const episode: LinkedEpisode = { audio: urls.audio!, transcript: urls.transcript! }
  if (urls.peaks !== undefined) episode.peaks = urls.peaks
  const title = params.get('title')?.trim()
  if (title) episode.title = title.slice(0, MAX_TITLE)
  return { kind: 'episode', episode }
}
