import type { Chapter, ChapterList } from '@castline/core/chapters'
import { type ChapterSnapshot, loadChapters } from '@castline/dom'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useCastlineApi } from './hooks.js'

/** A provider's chapters: a parsed `ChapterList` or list of `Chapter`s, or the URL of a chapters JSON or WebVTT file. */
export type ChaptersInput = ChapterList | readonly Chapter[] | string

/** Where loading the chapters stands: `none` without a `chapters` prop; an error is a sentence. */
export type ChaptersLoad =
  | { status: 'none' | 'loading'; chapters: readonly Chapter[]; error: null }
  | { status: 'ready'; chapters: readonly Chapter[]; error: null }
  | { status: 'error'; chapters: readonly Chapter[]; error: string }

const NO_CHAPTERS: readonly Chapter[] = Object.freeze([])
const NONE: ChaptersLoad = { status: 'none', chapters: NO_CHAPTERS, error: null }
const LOADING: ChaptersLoad = { status: 'loading', chapters: NO_CHAPTERS, error: null }

/**
 * The provider's chapters from its `chapters` prop: parsed ones at once (the same list object while the
 * prop is the same), a URL fetched and read in an effect (`loadChapters`), its failure as a message.
 */
export function useChaptersLoad(
  input: ChaptersInput | undefined,
  duration: number | undefined,
): ChaptersLoad {
  const parsed = useMemo<ChaptersLoad | null>(() => {
    if (input === undefined || typeof input === 'string') return null
    const chapters = Array.isArray(input) ? input : (input as ChapterList).chapters
    return { status: 'ready', chapters, error: null }
  }, [input])
  const url = typeof input === 'string' ? input : null
  const [fetched, setFetched] = useState<{ url: string; load: ChaptersLoad } | null>(null)
  useEffect(() => {
    if (url === null) return
    let live = true
    loadChapters(url, { duration }).then(
      (list) => {
        if (live) setFetched({ url, load: { status: 'ready', chapters: list.chapters, error: null } })
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        if (live) setFetched({ url, load: { status: 'error', chapters: NO_CHAPTERS, error: message } })
      },
    )
    return () => {
      live = false
    }
  }, [url, duration])
  if (parsed !== null) return parsed
  if (url === null) return NONE
  return fetched !== null && fetched.url === url ? fetched.load : LOADING
}

/** The chapters' state for a part: the list, the listed ones, the current chapter (`ChapterState`'s snapshot). */
export function useChapterSnapshot(): ChapterSnapshot {
  const { chapterState } = useCastlineApi()
  return useSyncExternalStore(chapterState.subscribe, chapterState.getSnapshot, chapterState.getSnapshot)
}
