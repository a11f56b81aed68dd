import { parseTimestamp } from '@castline/core'

// Deep links to a moment of the episode (Media Fragments `#t=`), read and written the same way by both
// renderers: the React provider and `<castline-player>` read the page's hash, the copy-link buttons write it.

/**
 * Reads the start time of a Media Fragments URL hash: `#t=754`, `#t=754.5`, `#t=12:34`, `#t=1:02:03`,
 * `#t=npt:754`, `#t=754,800` (the end is ignored), also among other `&`-separated hash parameters.
 * Returns null when there is no usable time.
 */
export function parseTimeFragment(hash: string): number | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash
  for (const part of body.split('&')) {
    if (!part.startsWith('t=')) continue
    let value: string
    try {
      value = decodeURIComponent(part.slice(2))
    } catch {
      continue // a malformed escape in someone's link is no reason to throw
    }
    if (value.startsWith('npt:')) value = value.slice(4)
    const comma = value.indexOf(',')
    if (comma >= 0) value = value.slice(0, comma)
    const seconds = parseTimestamp(value)
    if (Number.isFinite(seconds) && seconds >= 0) return seconds
  }
  return null
}

/**
 * The URL `href` with its hash replaced by `#t=<seconds>` (whole seconds, rounded down so that the link
 * starts just before the line rather than inside its first word).
 */
export function linkToTime(href: string, seconds: number): string {
  const hash = href.indexOf('#')
  const base = hash >= 0 ? href.slice(0, hash) : href
  const t = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
  return `${base}#t=${t}`
}
