import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { readVtt } from '../src/formats/webvtt.js'
import type { Cue, Transcript } from '../src/model.js'
import { createManualSource } from '../src/sources/manual.js'
import { createMediaElementSource, type MediaElementLike } from '../src/sources/media-element.js'
import { SyncController, type SyncSnapshot, type TimeSource } from '../src/sync.js'

function transcriptOf(cues: Cue[]): Transcript {
  return {
    format: 'vtt',
    cues,
    warnings: [],
    speakers: [],
    wordLevel: cues.some((c) => c.words !== undefined),
  }
}

/** Contiguous one-second cues: cue k spans [k, k + 1). */
function secondCues(count: number): Transcript {
  const cues: Cue[] = []
  for (let k = 0; k < count; k++) cues.push({ start: k, end: k + 1, text: `line ${k}` })
  return transcriptOf(cues)
}

describe('SyncController with the manual source', () => {
  it('notifies exactly once per boundary crossed over 1,000 frames, not once per frame', () => {
    const source = createManualSource({ time: 0.5, duration: 3600, playing: true })
    const controller = new SyncController({ transcript: secondCues(100), source })
    const seen: SyncSnapshot[] = []
    controller.subscribe((s) => seen.push(s))
    const frames: number[] = []
    controller.subscribeFrame((t) => frames.push(t))
    for (let i = 0; i < 1000; i++) source.tick(1 / 60)
    // From 0.5 s, 1,000 frames of 1/60 s end at 17.17 s: the boundaries at 1, 2, ..., 17 are crossed.
    expect(source.getTime()).toBeCloseTo(0.5 + 1000 / 60, 9)
    expect(seen.map((s) => s.cueIndex)).toEqual(Array.from({ length: 17 }, (_, k) => k + 1))
    expect(frames).toHaveLength(1000)
    expect(frames[999]).toBe(source.getTime())
  })

  it('notifies on gaps and word changes too, and only on those', () => {
    const transcript = transcriptOf([
      {
        start: 0,
        end: 1,
        text: 'one two',
        words: [
          { start: 0, end: 0.4, text: 'one' },
          { start: 0.5, end: 1, text: 'two' },
        ],
      },
      { start: 2, end: 3, text: 'three' },
    ])
    const source = createManualSource({ playing: true })
    const controller = new SyncController({ transcript, source })
    const seen: Array<[number, number]> = []
    controller.subscribe((s) => seen.push([s.cueIndex, s.wordIndex]))
    for (let i = 0; i < 200; i++) source.tick(1 / 60)
    // word 0, the gap between words, word 1, the gap between cues, cue 1, after the end.
    expect(seen).toEqual([
      [0, -1],
      [0, 1],
      [-1, -1],
      [1, -1],
      [-1, -1],
    ])
    expect(controller.getSnapshot().wordIndex).toBe(-1)
  })

  it('plays the first ten minutes of a real episode with one notification per change of the active cue', () => {
    const vtt = readFileSync(
      new URL('../../../../shared/corpora/talk-python/514-python-language-summit-2025.vtt', import.meta.url),
      'utf8',
    )
    const transcript = transcriptOf(readVtt(vtt).cues)
    const source = createManualSource({ playing: true, duration: 4000 })
    const controller = new SyncController({ transcript, source })
    const seen: number[] = []
    controller.subscribe((s) => seen.push(s.cueIndex))
    // Independent count: the active cue by a linear scan, frame by frame, and how often it changes.
    const scan = (t: number) => {
      let best = -1
      transcript.cues.forEach((c, i) => {
        if (c.start <= t && t < c.end && (best < 0 || c.start >= transcript.cues[best]!.start)) best = i
      })
      return best
    }
    const expected: number[] = []
    let previous = scan(0)
    for (let frame = 0; frame < 600 * 60; frame++) {
      source.tick(1 / 60)
      const now = scan(source.getTime())
      if (now !== previous) expected.push(now)
      previous = now
    }
    expect(expected.length).toBeGreaterThan(150) // cues and the gaps between them
    expect(seen).toEqual(expected)
  })

  it('returns the same frozen snapshot object while nothing shown changes', () => {
    const source = createManualSource({ time: 10.1, playing: true })
    const controller = new SyncController({ transcript: secondCues(60), source })
    controller.subscribe(() => {})
    const first = controller.getSnapshot()
    source.tick()
    source.tick()
    expect(controller.getSnapshot()).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(first).toMatchObject({ cueIndex: 10, wordIndex: -1, playing: true, rate: 1 })
    expect(first.duration).toBeNaN()
    expect(controller.getTime()).toBeCloseTo(10.1 + 2 / 60, 9)
    // An unknown duration (NaN) must not count as a change on every frame.
    source.setDuration(Number.NaN)
    expect(controller.getSnapshot()).toBe(first)
  })

  it('reads the source on demand while nobody is subscribed (render before effects)', () => {
    const source = createManualSource({ time: 5.5 })
    const controller = new SyncController({ transcript: secondCues(10), source })
    const a = controller.getSnapshot()
    expect(a.cueIndex).toBe(5)
    expect(controller.getSnapshot()).toBe(a)
    expect(source.listenerCount).toBe(0)
    source.setTime(7.2)
    expect(controller.getSnapshot().cueIndex).toBe(7)
  })

  it('seekToCue asks the source for the cue start; the snapshot follows the report, not the request', () => {
    const source = createManualSource({ duration: 100, applySeeks: false })
    const controller = new SyncController({ transcript: secondCues(50), source })
    const seen: number[] = []
    controller.subscribe((s) => seen.push(s.cueIndex))
    controller.seekToCue(42)
    expect(source.seeks).toEqual([42])
    expect(controller.getSnapshot().cueIndex).toBe(0)
    expect(seen).toEqual([])
    source.setTime(42)
    expect(controller.getSnapshot().cueIndex).toBe(42)
    expect(seen).toEqual([42])
    controller.seekToCue(50)
    controller.seekToCue(-1)
    expect(source.seeks).toEqual([42])
  })

  it('seekTo clamps to the media and ignores non-numbers', () => {
    const source = createManualSource({ duration: 30 })
    const controller = new SyncController({ transcript: secondCues(40), source })
    controller.seekTo(-5)
    controller.seekTo(99)
    controller.seekTo(Number.NaN)
    controller.seekTo(12.5)
    expect(source.seeks).toEqual([0, 30, 12.5])
    expect(controller.getSnapshot().cueIndex).toBe(12)
  })

  it('play and pause go to the source and come back as snapshots; a refused play rejects', async () => {
    const source = createManualSource()
    const controller = new SyncController({ transcript: secondCues(5), source })
    const playing: boolean[] = []
    controller.subscribe((s) => playing.push(s.playing))
    await controller.play()
    controller.pause()
    expect(playing).toEqual([true, false])

    const refusing: TimeSource = {
      ...createManualSource(),
      play: () => Promise.reject(new Error('NotAllowedError')),
    }
    const other = new SyncController({ transcript: null, source: refusing })
    await expect(other.play()).rejects.toThrow('NotAllowedError')
  })

  it('unsubscribing stops notifications and detaches from the source', () => {
    const source = createManualSource({ playing: true })
    const controller = new SyncController({ transcript: secondCues(100), source })
    let calls = 0
    let frameCalls = 0
    const off = controller.subscribe(() => calls++)
    const offFrame = controller.subscribeFrame(() => frameCalls++)
    expect(source.listenerCount).toBe(1)
    for (let i = 0; i < 130; i++) source.tick()
    expect(calls).toBe(2)
    off()
    expect(source.listenerCount).toBe(1) // the frame listener still needs the source
    offFrame()
    expect(source.listenerCount).toBe(0)
    for (let i = 0; i < 130; i++) source.tick()
    expect(calls).toBe(2)
    expect(frameCalls).toBe(130)
  })

  it('destroy drops every listener; the controller can attach again afterwards (strict mode)', () => {
    const source = createManualSource({ playing: true })
    const onChange = vi.fn()
    const controller = new SyncController({ transcript: secondCues(100), source, onChange })
    let calls = 0
    controller.subscribe(() => calls++)
    controller.subscribeFrame(() => calls++)
    controller.mount()
    controller.destroy()
    expect(source.listenerCount).toBe(0)
    for (let i = 0; i < 130; i++) source.tick()
    expect(calls).toBe(0)
    expect(onChange).not.toHaveBeenCalled()

    // Time moved on while detached (cue 2 now). A render reads that, so mounting has nothing to report.
    expect(controller.getSnapshot().cueIndex).toBe(2)
    const unmount = controller.mount()
    expect(onChange).not.toHaveBeenCalled()
    for (let i = 0; i < 60; i++) source.tick()
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenLastCalledWith(controller)
    unmount()
    unmount()
    expect(source.listenerCount).toBe(0)
  })

  it('mount reports a change that happened between render and mount through onChange', () => {
    const source = createManualSource({ time: 1.5 })
    const onChange = vi.fn()
    const controller = new SyncController({ transcript: secondCues(10), source, onChange })
    expect(controller.getSnapshot().cueIndex).toBe(1) // render
    source.setTime(4.5)
    const unmount = controller.mount() // layout effect
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(controller.getSnapshot().cueIndex).toBe(4)
    unmount()
  })

  it('setOptions: a new transcript is announced in a microtask, a new source takes over the subscription', async () => {
    const first = createManualSource({ time: 3.5 })
    const controller = new SyncController({ transcript: secondCues(10), source: first })
    const seen: number[] = []
    controller.subscribe((s) => seen.push(s.cueIndex))
    // Same options again (every render): nothing happens.
    controller.setOptions({ transcript: controller.options.transcript, source: first })
    await Promise.resolve()
    expect(seen).toEqual([])

    const halves = transcriptOf(
      Array.from({ length: 20 }, (_, k) => ({ start: k / 2, end: k / 2 + 0.5, text: '' })),
    )
    controller.setOptions({ transcript: halves, source: first })
    expect(seen).toEqual([]) // never from inside setOptions (it runs during render)
    await Promise.resolve()
    expect(seen).toEqual([7])

    const second = createManualSource({ time: 1.2 })
    controller.setOptions({ transcript: halves, source: second })
    expect(first.listenerCount).toBe(0)
    expect(second.listenerCount).toBe(1)
    expect(seen).toEqual([7])
    await Promise.resolve()
    expect(seen).toEqual([7, 2])
    first.setTime(9)
    expect(seen).toEqual([7, 2])

    controller.setOptions({ transcript: null, source: null })
    expect(second.listenerCount).toBe(0)
    expect(controller.getSnapshot()).toMatchObject({ cueIndex: -1, playing: false })
  })
})

/** A stand-in for HTMLMediaElement: real EventTarget dispatch, and a count of attached listeners. */
class FakeMedia extends EventTarget implements MediaElementLike {
  currentTime = 0
  duration = 120
  paused = true
  ended = false
  playbackRate = 1
  readonly attached = new Map<string, Set<unknown>>()

  override addEventListener(type: string, listener: (event: Event) => void): void {
    super.addEventListener(type, listener)
    const set = this.attached.get(type) ?? new Set()
    set.add(listener)
    this.attached.set(type, set)
  }

  override removeEventListener(type: string, listener: (event: Event) => void): void {
    super.removeEventListener(type, listener)
    this.attached.get(type)?.delete(listener)
  }

  get listenerTotal(): number {
    let n = 0
    for (const set of this.attached.values()) n += set.size
    return n
  }

  play(): Promise<void> {
    this.paused = false
    this.fire('play')
    this.fire('playing')
    return Promise.resolve()
  }

  pause(): void {
    if (this.paused) return
    this.paused = true
    this.fire('pause')
  }

  fire(type: string): void {
    this.dispatchEvent(new Event(type))
  }

  /** What the media does between two frames while playing. */
  advance(seconds: number): void {
    this.currentTime += seconds * this.playbackRate
  }
}

/** A fake animation-frame clock: frames run only when the test says so. */
function installFrames() {
  const pending = new Map<number, (now: number) => void>()
  let next = 1
  let requested = 0
  vi.stubGlobal('requestAnimationFrame', (callback: (now: number) => void) => {
    requested++
    pending.set(next, callback)
    return next++
  })
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    pending.delete(id)
  })
  return {
    get pending() {
      return pending.size
    },
    get requested() {
      return requested
    },
    run(now = 0) {
      const due = [...pending.values()]
      pending.clear()
      for (const callback of due) callback(now)
    },
  }
}

/** A scheduler driven by the test: `run()` runs the queued slice tasks one at a time. */
function manualScheduler() {
  const queue: Array<{ run: () => void; cancelled: boolean }> = []
  return {
    schedule: (run: () => void) => {
      const task = { run, cancelled: false }
      queue.push(task)
      return () => {
        task.cancelled = true
      }
    },
    /** Tasks queued and not cancelled. */
    pending: () => queue.filter((t) => !t.cancelled).length,
    /** Runs the next task; false when none is left. */
    runOne(): boolean {
      const task = queue.shift()
      if (task === undefined) return false
      if (!task.cancelled) task.run()
      return true
    },
  }
}

describe('SyncController: the time index of a long transcript, built in slices', () => {
  it('builds a transcript that fits in one slice at once, in setOptions (no task)', () => {
    const scheduler = manualScheduler()
    const source = createManualSource({ time: 3.5 })
    const controller = new SyncController({
      transcript: secondCues(100),
      source,
      slices: { budget: 1000, schedule: scheduler.schedule },
    })
    expect(controller.timeIndex).not.toBeNull()
    expect(controller.getSnapshot().cueIndex).toBe(3)
    expect(scheduler.pending()).toBe(0)
  })

  it('shows no cue until the last slice, then notifies once with the active cue; slices run only while mounted', () => {
    const scheduler = manualScheduler()
    const source = createManualSource({ time: 4321.5, duration: 10_000 })
    const controller = new SyncController({
      transcript: secondCues(10_000),
      source,
      slices: { budget: 1000, schedule: scheduler.schedule },
    })
    // The first slice ran in setOptions; nothing listens yet, so nothing more is scheduled.
    expect(controller.timeIndex).toBeNull()
    expect(controller.getSnapshot().cueIndex).toBe(-1)
    expect(scheduler.pending()).toBe(0)

    const seen: number[] = []
    controller.subscribe((s) => seen.push(s.cueIndex))
    const unmount = controller.mount()
    let tasks = 0
    while (controller.timeIndex === null && scheduler.runOne()) tasks++
    // 10,000 sorted cues that never overlap: a scan, the buckets and their sums, 1,000 units a slice.
    expect(tasks).toBeGreaterThanOrEqual(29)
    expect(scheduler.pending()).toBe(0)
    expect(seen).toEqual([4321])
    expect(controller.getSnapshot().cueIndex).toBe(4321)
    unmount()
  })

  it('cancels the remaining slices on unmount and on destroy, and resumes where it stopped when mounted again', () => {
    const scheduler = manualScheduler()
    const source = createManualSource({ time: 9000.5, duration: 10_000 })
    const controller = new SyncController({
      transcript: secondCues(10_000),
      source,
      slices: { budget: 1000, schedule: scheduler.schedule },
    })
    let unmount = controller.mount()
    for (let i = 0; i < 5; i++) scheduler.runOne()
    unmount()
    // The queued slice was cancelled: running the queue does no work and schedules none.
    expect(scheduler.pending()).toBe(0)
    while (scheduler.runOne()) {}
    expect(controller.timeIndex).toBeNull()

    unmount = controller.mount()
    let resumed = 0
    while (controller.timeIndex === null && scheduler.runOne()) resumed++
    controller.destroy()
    unmount()
    // Five slices ran before the unmount (and the first in setOptions): fewer are left after it.
    const fresh = new SyncController({
      transcript: secondCues(10_000),
      source,
      slices: { budget: 1000, schedule: scheduler.schedule },
    })
    const unmountFresh = fresh.mount()
    let all = 0
    while (fresh.timeIndex === null && scheduler.runOne()) all++
    expect(resumed).toBe(all - 5)
    expect(controller.getSnapshot().cueIndex).toBe(9000)

    // Destroy mid-build: nothing left to run.
    const other = new SyncController({
      transcript: secondCues(10_000),
      source,
      slices: { budget: 1000, schedule: scheduler.schedule },
    })
    other.mount()
    scheduler.runOne()
    other.destroy()
    expect(scheduler.pending()).toBe(0)
    unmountFresh()
  })

  it('a new transcript cancels the build of the previous one', () => {
    const scheduler = manualScheduler()
    const source = createManualSource({ time: 2.5, duration: 10_000 })
    const options = { source, slices: { budget: 1000, schedule: scheduler.schedule } }
    const controller = new SyncController({ ...options, transcript: secondCues(10_000) })
    const unmount = controller.mount()
    scheduler.runOne()
    expect(scheduler.pending()).toBe(1)
    const short = transcriptOf([
      { start: 0, end: 2, text: 'a' },
      { start: 2, end: 3, text: 'b' },
    ])
    controller.setOptions({ ...options, transcript: short })
    expect(scheduler.pending()).toBe(0)
    expect(controller.getSnapshot().cueIndex).toBe(1)
    unmount()
  })
})

describe('createMediaElementSource', () => {
  let frames: ReturnType<typeof installFrames>
  beforeEach(() => {
    frames = installFrames()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('takes a real <audio>/<video> element (checked by tsc)', () => {
    expectTypeOf<HTMLMediaElement>().toExtend<MediaElementLike>()
    expectTypeOf<HTMLAudioElement>().toExtend<Parameters<typeof createMediaElementSource>[0]>()
  })

  it('attaches listeners to the element only while someone is subscribed', () => {
    const media = new FakeMedia()
    const source = createMediaElementSource(media)
    expect(media.listenerTotal).toBe(0)
    const off1 = source.subscribe(() => {})
    const off2 = source.subscribe(() => {})
    const attached = media.listenerTotal
    expect(attached).toBeGreaterThanOrEqual(8)
    for (const type of ['play', 'pause', 'seeking', 'seeked', 'timeupdate', 'loadedmetadata', 'ratechange']) {
      expect(media.attached.get(type)?.size).toBe(1)
    }
    off1()
    expect(media.listenerTotal).toBe(attached)
    off2()
    off2()
    expect(media.listenerTotal).toBe(0)
  })

  it('reads currentTime once per animation frame while playing, and stops the loop on pause', () => {
    const media = new FakeMedia()
    const source = createMediaElementSource(media)
    const events: string[] = []
    source.subscribe((e) => events.push(e))
    expect(frames.pending).toBe(0) // paused: no loop
    void source.play()
    expect(frames.pending).toBe(1)
    for (let i = 0; i < 10; i++) {
      media.advance(1 / 60)
      frames.run()
    }
    expect(events.filter((e) => e === 'time')).toHaveLength(10)
    // A frame in which the media did not move (buffering) reports nothing.
    frames.run()
    expect(events.filter((e) => e === 'time')).toHaveLength(10)
    source.pause()
    expect(events.at(-1)).toBe('pause')
    expect(frames.pending).toBe(0)
    const requested = frames.requested
    frames.run()
    expect(frames.requested).toBe(requested)
  })

  it('shows a boundary in the frame nearest to it: half a display frame ahead while playing, exact when paused', () => {
    const media = new FakeMedia()
    const source = createMediaElementSource(media)
    // Cues of one second: [0, 1), [1, 2), ...
    const controller = new SyncController({ transcript: secondCues(10), source })
    controller.subscribe(() => {})
    media.currentTime = 0.5
    void media.play()
    expect(source.getFrameInterval?.()).toBe(0) // no frames seen yet: no lead
    // Frames every 20 ms: the source learns the interval from their timestamps.
    for (let k = 0; k < 20; k++) {
      media.advance(0.02)
      frames.run(1000 + 20 * k)
    }
    expect(source.getFrameInterval?.()).toBeCloseTo(0.02, 6)
    // 11 ms before the boundary at 2 s: more than half a frame away, so still line 1.
    media.currentTime = 1.989
    frames.run(1400)
    expect(controller.getSnapshot().cueIndex).toBe(1)
    // 9 ms before it: the next frame is nearer to the boundary than this one, so line 2 is shown now.
    media.currentTime = 1.991
    frames.run(1420)
    expect(controller.getSnapshot().cueIndex).toBe(2)
    expect(controller.getSnapshot().time).toBe(1.991) // the snapshot's time stays the media's
    // At double speed half a frame is 20 ms of media time.
    media.playbackRate = 2
    media.fire('ratechange')
    media.currentTime = 2.985
    frames.run(1440)
    expect(controller.getSnapshot().cueIndex).toBe(3)
    // Paused, no frames run: the time is shown as it is.
    media.pause()
    expect(source.getFrameInterval?.()).toBe(0)
    expect(controller.getSnapshot().cueIndex).toBe(2)
  })

  it('stops the loop when the last subscriber leaves, on ended, and on destroy', () => {
    const media = new FakeMedia()
    const source = createMediaElementSource(media)
    const off = source.subscribe(() => {})
    void media.play()
    frames.run()
    expect(frames.pending).toBe(1)
    off()
    expect(frames.pending).toBe(0)

    source.subscribe(() => {})
    expect(frames.pending).toBe(1) // subscribing to a playing element starts the loop
    media.paused = true
    media.ended = true
    media.fire('pause')
    media.fire('ended')
    expect(frames.pending).toBe(0)

    media.ended = false
    void media.play()
    expect(frames.pending).toBe(1)
    source.destroy()
    expect(frames.pending).toBe(0)
    expect(media.listenerTotal).toBe(0)
  })

  it('requests go to the element; the controller hears of a seek when the element reports it', () => {
    const media = new FakeMedia()
    const source = createMediaElementSource(media)
    const controller = new SyncController({ transcript: secondCues(100), source })
    const seen: number[] = []
    controller.subscribe((s) => seen.push(s.cueIndex))
    controller.seekToCue(30)
    expect(media.currentTime).toBe(30)
    expect(seen).toEqual([])
    media.fire('seeking')
    media.fire('seeked')
    expect(seen).toEqual([30])
    media.playbackRate = 2
    media.fire('ratechange')
    expect(controller.getSnapshot().rate).toBe(2)
    controller.destroy()
    expect(media.listenerTotal).toBe(0)
  })

  it('drives a SyncController frame by frame: one notification per cue, frame callbacks every frame', () => {
    const media = new FakeMedia()
    const controller = new SyncController({
      transcript: secondCues(100),
      source: createMediaElementSource(media),
    })
    const seen: number[] = []
    let frameCalls = 0
    controller.subscribe((s) => seen.push(s.cueIndex))
    controller.subscribeFrame(() => frameCalls++)
    void controller.play()
    seen.length = 0
    for (let i = 0; i < 300; i++) {
      media.advance(1 / 60)
      frames.run()
    }
    expect(seen).toEqual([1, 2, 3, 4])
    expect(frameCalls).toBe(300)
    controller.pause()
    expect(frames.pending).toBe(0)
  })

  it('works without requestAnimationFrame (server, worker): timeupdate events drive time', () => {
    vi.unstubAllGlobals()
    expect(typeof globalThis.requestAnimationFrame).toBe('undefined')
    const media = new FakeMedia()
    const controller = new SyncController({
      transcript: secondCues(100),
      source: createMediaElementSource(media),
    })
    const seen: number[] = []
    controller.subscribe((s) => seen.push(s.cueIndex))
    void media.play()
    media.currentTime = 2.25
    media.fire('timeupdate')
    expect(seen.at(-1)).toBe(2)
  })
})
