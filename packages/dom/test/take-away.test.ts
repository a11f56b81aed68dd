/**
 * The take-away helpers: the clipboard text, file names, and that each download's file reads back with
 * core's `parseTranscript` as the same cues (the sample episode's excerpt, with speakers).
 */
import { parseTranscript } from '@castline/core/formats'
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest'
import {
  copyToClipboard,
  DOWNLOAD_FORMATS,
  DOWNLOAD_URL_LIFETIME_MS,
  downloadName,
  downloadTranscript,
  takeAway,
  transcriptFile,
  transcriptText,
} from '../src/index.js'
import { DIALOGUE, expectSameCues, sampleText } from './take-away-fixture.js'

const excerpt = parseTranscript(sampleText('excerpt.txt'))
const dialogue = DIALOGUE

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('transcriptText', () => {
  test('one line a cue, the speaker where the speaker changes, a blank line between turns', () => {
    expect(transcriptText(dialogue)).toBe('Ann: Hello there & welcome\nStill me\n\nBo: My turn\n')
  })

  test('with timestamps, each line starts with its start time', () => {
    expect(transcriptText(dialogue, { timestamps: true })).toBe(
      '[00:00:00] Ann: Hello there & welcome\n[00:00:02] Still me\n\n[00:00:04] Bo: My turn\n',
    )
  })

  test('the excerpt: every cue on a line of its own', () => {
    const text = transcriptText(excerpt, { timestamps: true })
    expect(text.trimEnd().split('\n')).toHaveLength(excerpt.cues.length)
    expect(text.startsWith('[00:00:00] Every year')).toBe(true)
  })
})

describe('downloadName', () => {
  test('the title made safe for file systems, and the extension', () => {
    expect(downloadName('Python Language Summit 2025', 'vtt')).toBe('Python-Language-Summit-2025.vtt')
    expect(downloadName('a/b: "c"?', 'srt')).toBe('a-b-c.srt')
    expect(downloadName(undefined, 'json')).toBe('transcript.json')
    expect(downloadName(' .. ', 'text')).toBe('transcript.txt')
    expect(downloadName('x'.repeat(300), 'text')).toHaveLength(104)
  })

  test('an unknown format is a TypeError', () => {
    expect(() => downloadName('x', 'html' as never)).toThrow(TypeError)
  })
})

describe('transcriptFile', () => {
  test.each(DOWNLOAD_FORMATS.map((f) => f.format))('%s reads back as the same cues', async (format) => {
    for (const source of [excerpt, dialogue]) {
      const file = await transcriptFile(source, format, 'Episode')
      expect(file.blob.size).toBe(new TextEncoder().encode(file.text).length)
      expectSameCues(await file.blob.text(), source, format)
    }
  })
})

describe('downloadTranscript', () => {
  test('clicks a temporary link to an object URL, named from the title, and revokes the URL later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const blobs: Blob[] = []
    const create = vi.fn((blob: Blob) => {
      blobs.push(blob)
      return 'blob:test/1'
    })
    const revoke = vi.fn()
    // jsdom has no object URLs: the test's stand-ins, put back after.
    const { createObjectURL, revokeObjectURL } = URL
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke })
    onTestFinished(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL })
    })
    const clicked: { href: string; download: string }[] = []
    const onClick = (e: MouseEvent) => {
      const a = e.target as HTMLAnchorElement
      clicked.push({ href: a.href, download: a.download })
      e.preventDefault()
    }
    document.addEventListener('click', onClick)
    onTestFinished(() => document.removeEventListener('click', onClick))
    const name = await downloadTranscript(dialogue, 'srt', { title: 'My episode' })
    expect(name).toBe('My-episode.srt')
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'My-episode.srt' }])
    expect(document.querySelector('a[download]')).toBeNull()
    expectSameCues(await blobs[0]!.text(), dialogue, 'srt')
    expect(revoke).not.toHaveBeenCalled()
    vi.advanceTimersByTime(DOWNLOAD_URL_LIFETIME_MS)
    expect(revoke).toHaveBeenCalledWith('blob:test/1')
  })
})

describe('copy', () => {
  test('copyToClipboard writes the text; a missing or refusing clipboard is an Error saying so', async () => {
    const written: string[] = []
    await copyToClipboard('hi', { writeText: async (t) => void written.push(t) })
    expect(written).toEqual(['hi'])
    await expect(
      copyToClipboard('hi', {
        writeText: () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError')),
      }),
    ).rejects.toThrow('The browser did not allow copying: Document is not focused.')
  })

  test('takeAway resolves with the status to announce, a failure included', async () => {
    const written: string[] = []
    const clipboard = { writeText: async (t: string) => void written.push(t) }
    expect(await takeAway(dialogue, 'copy', { clipboard })).toEqual({
      ok: true,
      message: 'Transcript copied',
    })
    expect(await takeAway(dialogue, 'copy-timestamps', { clipboard })).toEqual({
      ok: true,
      message: 'Transcript copied with timestamps',
    })
    expect(written).toEqual([transcriptText(dialogue), transcriptText(dialogue, { timestamps: true })])
    const refused = { writeText: () => Promise.reject(new Error('denied')) }
    expect(await takeAway(dialogue, 'copy', { clipboard: refused })).toEqual({
      ok: false,
      message: 'The browser did not allow copying: denied',
    })
  })
})
