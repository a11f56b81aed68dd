/**
 * The ad-break time map at the time source: a `MediaStore` with a `timeMap` speaks transcript time to
 * everything over it (snapshot, `getTime`, the sync controller's source, the waveform) and seeks the
 * element in audio time; the "Ad break" rows and the element's attribute.
 */
import { type Cue, SyncController } from '@castline/core'
import { AdBreakError, createAdTimeMap } from '@castline/core/links'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  adBreakLabel,
  adBreakRows,
  createMediaStoreSource,
  MediaStore,
  parseAdBreaks,
  WaveformView,
} from '../src/index.js'
import { FakeMedia } from './fake-media.js'

// Seeded like every property test (CONTRIBUTING.md): CASTLINE_SEED picks another.
const SEED = Number(process.env.CASTLINE_SEED || 20_261_207)

// Two breaks in audio time: 60 s at 300 s, 30 s at 900 s (transcript 840 s).
const map = createAdTimeMap([
  { at: 300, duration: 60 },
  { at: 900, duration: 30 },
])

function setup() {
  const media = new FakeMedia()
  const store = new MediaStore({ media, timeMap: map })
  return { media, store }
}

describe('MediaStore with a time map', () => {
  test('currentTime, duration and getTime are transcript time; adBreak names the break playing', () => {
    const { media, store } = setup()
    store.subscribe(() => {})
    media.report('loadedmetadata', { duration: 1290, currentTime: 100 })
    expect(store.getSnapshot()).toMatchObject({ currentTime: 100, duration: 1200, adBreak: -1 })
    media.report('timeupdate', { currentTime: 330 })
    expect(store.getSnapshot()).toMatchObject({ currentTime: 300, adBreak: 0 })
    expect(store.getTime()).toBe(300)
    media.report('timeupdate', { currentTime: 400 })
    expect(store.getSnapshot()).toMatchObject({ currentTime: 340, adBreak: -1 })
    media.report('timeupdate', { currentTime: 915 })
    expect(store.getSnapshot()).toMatchObject({ currentTime: 840, adBreak: 1 })
    media.report('timeupdate', { currentTime: 1000 })
    expect(store.getSnapshot()).toMatchObject({ currentTime: 910, adBreak: -1 })
  })

  test('a seek in transcript time moves the element to the audio time, after the breaks before it', () => {
    const { media, store } = setup()
    store.seek(100)
    store.seek(300) // where the first break was inserted: after the break
    store.seek(500)
    store.seek(900)
    expect(media.requests).toEqual([
      ['currentTime', 100],
      ['currentTime', 360],
      ['currentTime', 560],
      ['currentTime', 990],
    ])
  })

  test('the sync controller hears transcript time and its seeks reach the element in audio time', () => {
    const { media, store } = setup()
    const cues: Cue[] = [
      { start: 0, end: 300, text: 'before' },
      { start: 300, end: 600, text: 'after the first break' },
    ]
    media.report('loadedmetadata', { duration: 1290, currentTime: 400 })
    const controller = new SyncController({
      transcript: { cues, speakers: [], warnings: [] } as never,
      source: createMediaStoreSource(store),
    })
    expect(controller.getTime()).toBe(340)
    expect(controller.getSnapshot().cueIndex).toBe(1)
    controller.seekToCue(1)
    expect(media.requests.at(-1)).toEqual(['currentTime', 360])
  })

  test('a new map re-reads the element; without one the store is in audio time', async () => {
    const media = new FakeMedia()
    media.state.currentTime = 400
    const store = new MediaStore({ media })
    expect(store.getSnapshot().currentTime).toBe(400)
    store.setOptions({ media, timeMap: map })
    expect(store.getSnapshot().currentTime).toBe(340)
    store.setOptions({ media })
    expect(store.getSnapshot().currentTime).toBe(400)
    await Promise.resolve()
  })

  test(`property (seed ${SEED}): audio -> store time -> seek is the identity outside breaks`, () => {
    const breaks = fc.array(
      fc.record({ at: fc.integer({ min: 0, max: 50_000 }), duration: fc.integer({ min: 1, max: 3_000 }) }),
      { maxLength: 8 },
    )
    fc.assert(
      fc.property(breaks, fc.integer({ min: 0, max: 60_000 }), (list, tenths) => {
        const timeMap = createAdTimeMap(list.map((b) => ({ at: b.at / 10, duration: b.duration / 10 })))
        const media = new FakeMedia()
        const store = new MediaStore({ media, timeMap })
        const audio = tenths / 10
        media.state.currentTime = audio
        const inBreak = timeMap.breaks.some((b) => audio >= b.at && audio < b.at + b.duration)
        expect(store.getSnapshot().adBreak >= 0).toBe(inBreak)
        store.seek(store.getTime())
        const sought = media.requests.at(-1)![1] as number
        if (inBreak) expect(sought).toBeGreaterThan(audio)
        else expect(sought).toBeCloseTo(audio, 9)
      }),
      { seed: SEED },
    )
  })
})

describe('waveform with a time map', () => {
  test('a transcript time sits at its audio position along the wave, and a click seeks its transcript time', () => {
    const { media, store } = setup()
    media.state.duration = 1290
    const seeks: number[] = []
    const view = new WaveformView({ store, seek: (t) => seeks.push(t) })
    // A chapter at 300 s of transcript time is at 360 s of the 1290 s of audio.
    expect(view.fractionOf(300)).toBeCloseTo(360 / 1290, 9)
    expect(view.fractionOf(0)).toBe(0)
    expect(view.getDuration()).toBe(1200)
  })
})

describe('adBreakRows', () => {
  const cues: Cue[] = Array.from({ length: 100 }, (_, i) => ({
    start: i * 10,
    end: i * 10 + 10,
    text: `${i}`,
  }))

  test('each break heads the first line at or after its transcript time; one after the last line has none', () => {
    const rows = adBreakRows(cues, map)
    expect([...rows]).toEqual([
      [30, { index: 0, time: 300, duration: 60 }],
      [84, { index: 1, time: 840, duration: 30 }],
    ])
    expect(adBreakRows(cues.slice(0, 50), map).size).toBe(1)
    expect(adBreakRows(cues, null).size).toBe(0)
    expect(adBreakLabel({ duration: 60 })).toBe('Ad break · 1:00')
  })
})

describe('parseAdBreaks', () => {
  test('reads the compact form and JSON alike; empty text is no breaks', () => {
    expect(parseAdBreaks('300+60, 900+30').breaks).toEqual(map.breaks)
    expect(parseAdBreaks('[{"at":300,"duration":60},{"at":900,"duration":30}]').breaks).toEqual(map.breaks)
    expect(parseAdBreaks('  ').breaks).toEqual([])
  })

  test('bad text is an AdBreakError naming the break', () => {
    const error = (text: string) => {
      try {
        parseAdBreaks(text)
      } catch (e) {
        expect(e).toBeInstanceOf(AdBreakError)
        return (e as Error).message
      }
      return 'no error'
    }
    expect(error('300+60,soon')).toBe('ad break 1: "soon" is not at+duration in seconds (e.g. 300+60)')
    expect(error('[{"at":1}]')).toBe('ad break 0: at and duration must be numbers of seconds')
    expect(error('[1,')).toMatch(/^ad break 0: the list is not JSON/)
    expect(error('[{"at":-5,"duration":3}]')).toMatch(/^ad break 0: start -5/)
  })
})
