/**
 * The element's transcript menu: copy all (with and without timestamps), each download's file read back
 * with core's `parseTranscript` as the same cues, a refused copy as an alert, the menu hidden until the
 * transcript is there; and printing: every line rendered between beforeprint and afterprint.
 */
import type { Transcript } from '@castline/core'
import { transcriptText } from '@castline/dom'
import { describe, expect, onTestFinished, test, vi } from 'vitest'
import { DIALOGUE, expectSameCues } from '../../dom/test/take-away-fixture.js'
import '../src/index.js'
import type { CastlinePlayerElement } from '../src/index.js'
import { button, deep, deepAll, drivenPlayer, settle, transcriptOf, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

useFakePage()

const TRANSCRIPT = DIALOGUE

async function player(transcript: Transcript | null = TRANSCRIPT) {
  const { el } = await drivenPlayer((p) => {
    p.setAttribute('title', 'Ann & Bo: a talk')
    if (transcript !== null) p.transcript = transcript
  })
  return el
}

const menuOf = (el: CastlinePlayerElement) => deep(el, 'details.castline-takeaway') as HTMLDetailsElement
const statusOf = (el: CastlinePlayerElement) => deep(el, '.castline-takeaway__status').textContent
const alertOf = (el: CastlinePlayerElement) =>
  deepAll(el, '.castline-takeaway__error')[0]?.textContent ?? null

describe('transcript menu', () => {
  test('hidden until the transcript is ready', async () => {
    const el = await player(null)
    expect(menuOf(el).hidden).toBe(true)
    el.transcript = TRANSCRIPT
    await settle()
    expect(menuOf(el).hidden).toBe(false)
  })

  test('copy all and copy with timestamps put the text on the clipboard and say so', async () => {
    const written: string[] = []
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: async (t: string) => void written.push(t) },
    })
    const el = await player()
    button(el, 'Copy all').click()
    await settle()
    expect(statusOf(el)).toBe('Transcript copied')
    button(el, 'Copy with timestamps').click()
    await settle()
    expect(statusOf(el)).toBe('Transcript copied with timestamps')
    expect(written).toEqual([transcriptText(TRANSCRIPT), transcriptText(TRANSCRIPT, { timestamps: true })])
    expect(alertOf(el)).toBeNull()
  })

  test('a refused copy is an alert with the reason', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: () => Promise.reject(new Error('Document is not focused.')) },
    })
    const el = await player()
    button(el, 'Copy all').click()
    await settle()
    expect(alertOf(el)).toBe('The browser did not allow copying: Document is not focused.')
    expect(statusOf(el)).toBe('')
  })

  test.each([
    ['Text', 'Ann-&-Bo-a-talk.txt'],
    ['WebVTT', 'Ann-&-Bo-a-talk.vtt'],
    ['SRT', 'Ann-&-Bo-a-talk.srt'],
    ['JSON', 'Ann-&-Bo-a-talk.json'],
  ])('download as %s: a file named after the title that reads back as the same cues', async (label, name) => {
    const blobs = new Map<string, Blob>()
    const { createObjectURL, revokeObjectURL } = URL
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        blobs.set(`blob:test/${blobs.size}`, blob)
        return `blob:test/${blobs.size - 1}`
      },
      revokeObjectURL: () => {},
    })
    const files: { name: string; blob: Blob }[] = []
    const onClick = (e: MouseEvent) => {
      const a = e.target as HTMLAnchorElement
      if (!a.hasAttribute('download')) return
      e.preventDefault()
      files.push({ name: a.download, blob: blobs.get(a.href)! })
    }
    document.addEventListener('click', onClick)
    onTestFinished(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL })
      document.removeEventListener('click', onClick)
    })
    const el = await player()
    button(el, `Download as ${label}`).click()
    await settle()
    expect(statusOf(el)).toBe(`Downloaded ${name}`)
    expect(files.map((f) => f.name)).toEqual([name])
    expectSameCues(await files[0]!.blob.text(), TRANSCRIPT, label === 'Text' ? 'text' : label)
  })
})

describe('print', () => {
  test('beforeprint renders every line; afterprint returns to the virtual window', async () => {
    const el = await player(transcriptOf(Array.from({ length: 300 }, (_, i) => `Line ${i} text`)))
    const list = deep(el, '.castline-transcript__list')
    const shown = list.querySelectorAll('[data-index]').length
    expect(shown).toBeLessThan(300)
    window.dispatchEvent(new Event('beforeprint'))
    expect(list.querySelectorAll('[data-index]')).toHaveLength(300)
    expect(list.hasAttribute('data-printing')).toBe(true)
    window.dispatchEvent(new Event('afterprint'))
    expect(list.querySelectorAll('[data-index]')).toHaveLength(shown)
    expect(list.hasAttribute('data-printing')).toBe(false)
  })
})
