/**
 * ReaderSettings: the text size steps and their bounds, timestamps, follow along as the FollowMode's state,
 * what is kept in storage (and that a storage that throws or holds junk is ignored), and TranscriptView's
 * estimates following the text size.
 */
import { createManualSource, SyncController } from '@castline/core'
import { describe, expect, test } from 'vitest'
import {
  estimateLine,
  FollowMode,
  READER_SETTINGS_STORAGE_KEY,
  ReaderSettings,
  readerSettingsAttributes,
  storedReaderSettings,
  TEXT_SCALES,
  TranscriptView,
} from '../src/index.js'

/** A Map-backed storage, as `localStorage` behaves. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial))
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
  }
}

describe('ReaderSettings', () => {
  test('starts at 100% with timestamps shown; steps through the offered sizes and stops at each end', () => {
    const storage = memoryStorage()
    const settings = new ReaderSettings({ follow: new FollowMode(), storage })
    expect(settings.getSnapshot()).toEqual({ textScale: 1, timestamps: true, following: true })
    expect(settings.canShrink()).toBe(true)
    settings.smaller()
    expect(settings.getSnapshot().textScale).toBe(0.875)
    expect(settings.canShrink()).toBe(false)
    settings.smaller()
    expect(settings.getSnapshot().textScale).toBe(0.875)
    for (let i = 0; i < 10; i++) settings.larger()
    expect(settings.getSnapshot().textScale).toBe(TEXT_SCALES[TEXT_SCALES.length - 1])
    expect(settings.canGrow()).toBe(false)
    expect(() => settings.setTextScale(3)).toThrow(RangeError)
  })

  test('keeps the size and timestamps under the documented key; a new instance (the next visit) reads them', () => {
    const storage = memoryStorage()
    const first = new ReaderSettings({ follow: new FollowMode(), storage })
    first.larger()
    first.setTimestamps(false)
    expect(JSON.parse(storage.map.get(READER_SETTINGS_STORAGE_KEY)!)).toEqual({
      textScale: 1.125,
      timestamps: false,
    })
    const next = new ReaderSettings({ follow: new FollowMode(), storage })
    expect(next.getSnapshot()).toMatchObject({ textScale: 1.125, timestamps: false })
    expect(readerSettingsAttributes(next.getSnapshot())).toEqual({ scale: '1.125', timestamps: 'hidden' })
  })

  test('a storage that throws, or holds junk, gives the defaults and the settings still work for the page', () => {
    const throwing = {
      getItem: (): string | null => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('quota')
      },
    }
    const settings = new ReaderSettings({ follow: new FollowMode(), storage: throwing })
    settings.larger()
    expect(settings.getSnapshot().textScale).toBe(1.125)
    for (const junk of ['not json', '42', '{"textScale":40,"timestamps":"no"}', 'null']) {
      expect(storedReaderSettings(memoryStorage({ [READER_SETTINGS_STORAGE_KEY]: junk }))).toEqual({
        textScale: 1,
        timestamps: true,
      })
    }
  })

  test('follow along is the FollowMode: setting it dispatches, and its own changes reach subscribers', async () => {
    const follow = new FollowMode()
    const settings = new ReaderSettings({ follow, storage: null })
    let calls = 0
    const stop = settings.subscribe(() => calls++)
    settings.setFollowing(false)
    expect(follow.getSnapshot()).toBe(false)
    expect(settings.getSnapshot().following).toBe(false)
    follow.dispatch({ type: 'jump' })
    expect(settings.getSnapshot().following).toBe(true)
    expect(calls).toBe(2)
    settings.setTimestamps(false)
    expect(calls).toBe(3)
    // The same value again changes nothing and tells nobody.
    settings.setTimestamps(false)
    expect(calls).toBe(3)
    stop()
  })
})

describe('TranscriptView text scale', () => {
  test('estimates scale with the text size, and a new size forgets the measured sizes', async () => {
    const cues = [
      { start: 0, end: 1, text: 'one' },
      { start: 1, end: 2, text: 'two '.repeat(40) },
    ]
    const controller = new SyncController({ transcript: null, source: createManualSource({ duration: 2 }) })
    const follow = new FollowMode()
    const view = new TranscriptView({ cues, controller, follow })
    const size = (i: number) => view.virtualizer.options.estimateSize(i)
    expect(size(1)).toBe(estimateLine(cues, 1))
    view.virtualizer.resizeItem(0, 500)
    expect(view.virtualizer.itemSizeCache.size).toBe(1)
    view.setOptions({ cues, controller, follow, textScale: 1.5 })
    expect(size(1)).toBe(Math.round(estimateLine(cues, 1) * 1.5))
    await Promise.resolve()
    expect(view.virtualizer.itemSizeCache.size).toBe(0)
    view.destroy()
  })
})
