/**
 * The chapter rules both renderers draw from: the current chapter from the controller's time, the
 * previous/next targets, the line each heading goes before, and the `[`/`]` shortcuts.
 */
import { type Cue, createManualSource, SyncController } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import { describe, expect, test } from 'vitest'
import {
  ChapterState,
  chapterHeadings,
  chapterTargets,
  currentChapter,
  loadChapters,
  PlayerShortcuts,
  playerShortcutFor,
  readChapters,
} from '../src/index.js'

// 0 Intro, 60 Silent (toc: false), 100 Middle, 200 End.
const chapters: Chapter[] = [
  { start: 0, end: 60, title: 'Intro', toc: true },
  { start: 60, end: 100, title: 'Ad break', toc: false },
  { start: 100, end: 200, title: 'Middle', toc: true },
  { start: 200, end: 300, title: 'End', toc: true },
]

// Lines of 10 s from 5 s: 5, 15, ..., 295.
const cues: Cue[] = Array.from({ length: 30 }, (_, i) => ({
  start: 5 + i * 10,
  end: 15 + i * 10,
  text: `line ${i}`,
}))

describe('currentChapter', () => {
  test('is the listed chapter at the time; a silent chapter keeps the listed one before it', () => {
    expect(currentChapter(chapters, 0)?.title).toBe('Intro')
    expect(currentChapter(chapters, 59.9)?.title).toBe('Intro')
    expect(currentChapter(chapters, 70)?.title).toBe('Intro')
    expect(currentChapter(chapters, 100)?.title).toBe('Middle')
    expect(currentChapter(chapters, 250)?.title).toBe('End')
    expect(currentChapter([], 10)).toBeNull()
    expect(currentChapter([{ start: 10, title: 'Late', toc: true }], 5)).toBeNull()
    // A gap after a chapter's end keeps its title until the next one starts.
    const gap: Chapter[] = [
      { start: 0, end: 10, title: 'A', toc: true },
      { start: 20, title: 'B', toc: true },
    ]
    expect(currentChapter(gap, 15)?.title).toBe('A')
  })
})

describe('chapterTargets', () => {
  test('next is the next listed start; silent chapters are skipped', () => {
    expect(chapterTargets(chapters, 0).next).toBe(100)
    expect(chapterTargets(chapters, 100).next).toBe(200)
    expect(chapterTargets(chapters, 250).next).toBeNull()
  })
  test('previous restarts the chapter after 3 s into it, else goes to the chapter before', () => {
    expect(chapterTargets(chapters, 150).previous).toBe(100)
    expect(chapterTargets(chapters, 102).previous).toBe(0)
    expect(chapterTargets(chapters, 201).previous).toBe(100)
    expect(chapterTargets(chapters, 0).previous).toBeNull()
    expect(chapterTargets(chapters, 2).previous).toBe(0)
  })
})

describe('chapterHeadings', () => {
  test('each listed chapter heads the first line starting at or after it; silent ones head nothing', () => {
    const headings = chapterHeadings(cues, chapters)
    expect([...headings].map(([i, c]) => [i, c.title])).toEqual([
      [0, 'Intro'],
      [10, 'Middle'],
      [20, 'End'],
    ])
    expect(cues[10]!.start).toBeGreaterThanOrEqual(100)
    expect(cues[9]!.start).toBeLessThan(100)
  })
  test('a chapter after the last line heads nothing; two chapters on one line: the later one', () => {
    const short = cues.slice(0, 3) // 5, 15, 25
    const list: Chapter[] = [
      { start: 6, title: 'A', toc: true },
      { start: 12, title: 'B', toc: true },
      { start: 100, title: 'C', toc: true },
    ]
    expect([...chapterHeadings(short, list)].map(([i, c]) => [i, c.title])).toEqual([[1, 'B']])
  })
})

describe('ChapterState', () => {
  test('tells subscribers when the current chapter changes, not on every time change', () => {
    const source = createManualSource({ duration: 300 })
    const controller = new SyncController({ transcript: null, source })
    const state = new ChapterState({ controller, chapters })
    const heard: (string | undefined)[] = []
    const off = state.subscribe((s) => heard.push(s.current?.title))
    source.setTime(10)
    source.setTime(20)
    source.setTime(120)
    source.setTime(130)
    source.setTime(210)
    expect(heard).toEqual(['Middle', 'End'])
    expect(state.getSnapshot().listed.map((c) => c.title)).toEqual(['Intro', 'Middle', 'End'])
    off()
  })
  test('previous and next seek through the controller, and say false when there is nowhere to go', () => {
    const source = createManualSource({ duration: 300, time: 150 })
    const controller = new SyncController({ transcript: null, source })
    const state = new ChapterState({ controller, chapters })
    expect(state.next()).toBe(true)
    expect(source.seeks).toEqual([200])
    expect(state.next()).toBe(false)
    expect(state.previous()).toBe(true)
    expect(source.seeks).toEqual([200, 100])
    state.seekTo(chapters[0]!)
    expect(source.seeks).toEqual([200, 100, 0])
    expect(state.previous()).toBe(false)
  })
  test('[ and ] are the chapter shortcuts; without chapters they stay ordinary keys', () => {
    const base = { target: null, defaultPrevented: false, altKey: false, ctrlKey: false, metaKey: false }
    expect(playerShortcutFor({ ...base, key: '[' })).toEqual({ type: 'chapter', direction: -1 })
    expect(playerShortcutFor({ ...base, key: ']' })).toEqual({ type: 'chapter', direction: 1 })
    const source = createManualSource({ duration: 300, time: 0 })
    const controller = new SyncController({ transcript: null, source })
    const state = new ChapterState({ controller, chapters })
    const shortcuts = new PlayerShortcuts({
      getTime: () => controller.getTime(),
      seek: (s) => controller.seekTo(s),
      togglePlay: () => {},
      chapter: (d) => (d < 0 ? state.previous() : state.next()),
    })
    let prevented = 0
    const press = (key: string) =>
      shortcuts.handleKeyDown({ ...base, key, preventDefault: () => prevented++ })
    expect(press(']')).toBe(true)
    expect(source.seeks).toEqual([100])
    expect(press('[')).toBe(true)
    expect(source.seeks).toEqual([100, 0])
    expect(prevented).toBe(2)
    const none = new PlayerShortcuts({ getTime: () => 0, seek: () => {}, togglePlay: () => {} })
    expect(none.handleKeyDown({ ...base, key: ']', preventDefault: () => prevented++ })).toBe(false)
    expect(prevented).toBe(2)
  })
})

describe('readChapters and loadChapters', () => {
  test('reads JSON and WebVTT chapter files', async () => {
    const json = await readChapters(
      '{"chapters":[{"startTime":0,"title":"A"},{"startTime":5,"title":"B","toc":false}]}',
    )
    expect(json.chapters.map((c) => [c.start, c.title, c.toc])).toEqual([
      [0, 'A', true],
      [5, 'B', false],
    ])
    const vtt = await readChapters('WEBVTT\n\n00:00.000 --> 00:10.000\nOne\n\n00:10.000 --> 00:20.000\nTwo\n')
    expect(vtt.chapters.map((c) => c.title)).toEqual(['One', 'Two'])
  })
  test('a failed request, an error status or a file that is not chapters rejects with a readable message', async () => {
    const answer = (status: number, body: string) => async () => new Response(body, { status })
    await expect(loadChapters('c.json', { fetch: answer(404, '') })).rejects.toThrow(
      'The chapters could not be loaded: the server answered 404 for c.json.',
    )
    await expect(loadChapters('c.json', { fetch: answer(200, '{"nope":1}') })).rejects.toThrow(
      /^The chapters could not be read: .*chapters/,
    )
    await expect(
      loadChapters('c.json', {
        fetch: async () => {
          throw new TypeError('Failed to fetch')
        },
      }),
    ).rejects.toThrow('The chapters could not be loaded: Failed to fetch.')
    const ok = await loadChapters('c.json', {
      fetch: answer(200, '{"chapters":[{"startTime":3,"title":"X"}]}'),
    })
    expect(ok.chapters[0]?.title).toBe('X')
  })
})
