import type { Cue } from '@castline/core'
import { type AdBreak, AdBreakError, type AdTimeMap, createAdTimeMap } from '@castline/core/links'
import { defaultLocale, type LocaleText } from './labels.js'

/**
 * Inserted ad breaks in the player, without a framework. The time map itself is core's
 * `createAdTimeMap`; a `MediaStore` given it (`timeMap`) converts at the media element, so everything
 * else stays in transcript time. What the renderers share is here: reading the element's attribute, and
 * which line each break's "Ad break" row goes before.
 */

/** One "Ad break" row: which break (index in `map.breaks`), where it sits in transcript time, how long it is. */
export interface AdBreakRow {
  index: number
  time: number
  duration: number
}

/**
 * Which line each ad break's row goes before: cue index -> row, the first line starting at or after the
 * break's transcript time (as `chapterHeadings` places headings). A break after the last line has no row.
 */
export function adBreakRows(cues: readonly Cue[], map: AdTimeMap | null): Map<number, AdBreakRow> {
  const out = new Map<number, AdBreakRow>()
  if (map === null) return out
  let i = 0
  map.breaks.forEach((b, index) => {
    const time = map.toTranscript(b.at).time
    while (i < cues.length && cues[i]!.start < time - 1e-6) i++
    if (i < cues.length) out.set(i, { index, time, duration: b.duration })
  })
  return out
}

/** The row's text: "Ad break · 1:00" (the break's length), in `locale`'s words and digits. */
export function adBreakLabel(
  row: Pick<AdBreakRow, 'duration'>,
  locale: LocaleText = defaultLocale(),
): string {
  return locale.labels.adBreak(locale.format.clock(row.duration))
}

/**
 * Reads the `ad-breaks` attribute: a JSON array of `{ "at": seconds, "duration": seconds }` (audio time),
 * or the compact form `at+duration,at+duration` ("300+60,1800+90"). Empty text is no breaks. Throws
 * `AdBreakError` naming the break and what is wrong with it; `createAdTimeMap` checks the numbers.
 */
export function parseAdBreaks(text: string): AdTimeMap {
  const source = text.trim()
  if (source === '') return createAdTimeMap([])
  if (source.startsWith('[')) {
    let value: unknown
    try {
      value = JSON.parse(source)
    } catch (error) {
      throw new AdBreakError(0, `the list is not JSON (${(error as Error).message})`)
    }
    if (!Array.isArray(value)) throw new AdBreakError(0, 'expected a JSON array of { at, duration }')
    return createAdTimeMap(
      value.map((b: unknown, k): AdBreak => {
        if (typeof b !== 'object' || b === null) throw new AdBreakError(k, 'expected { at, duration }')
        const { at, duration } = b as Record<string, unknown>
        if (typeof at !== 'number' || typeof duration !== 'number') {
          throw new AdBreakError(k, 'at and duration must be numbers of seconds')
        }
        return { at, duration }
      }),
    )
  }
  return createAdTimeMap(
    source.split(',').map((part, k): AdBreak => {
      const m = /^\s*(\d+(?:\.\d+)?)\s*\+\s*(\d+(?:\.\d+)?)\s*$/.exec(part)
      if (m === null)
        throw new AdBreakError(k, `"${part.trim()}" is not at+duration in seconds (e.g. 300+60)`)
      return { at: Number(m[1]), duration: Number(m[2]) }
    }),
  )
}
