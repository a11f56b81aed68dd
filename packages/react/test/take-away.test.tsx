/**
 * The React transcript menu: copy all (with and without timestamps) through the clipboard it is given,
 * each download's file read back with core's `parseTranscript` as the same cues, a refused copy as an
 * alert, and printing: every line rendered between beforeprint and afterprint.
 */
import type { Transcript } from '@castline/core'
import { transcriptText } from '@castline/dom'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, onTestFinished, test, vi } from 'vitest'
import { DIALOGUE, expectSameCues } from '../../dom/test/take-away-fixture.js'
import { TranscriptPlayer } from '../src/entry/player.js'
import { fakePlayerPage, generateTranscript, listMounted, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

fakePlayerPage()

const TRANSCRIPT = DIALOGUE

async function renderPlayer(transcript: Transcript = TRANSCRIPT) {
  const result = render(<TranscriptPlayer src="/ep.mp3" transcript={transcript} title="Ann & Bo: a talk" />)
  await settled()
  await listMounted()
  const menu = result.container.querySelector<HTMLDetailsElement>('details.castline-takeaway')!
  await userEvent.click(within(menu).getByText('Transcript'))
  return { ...result, menu }
}

/** Object URLs (jsdom has none) and the clicks on download links, recorded. */
function recordDownloads() {
  const files: { name: string; blob: Blob }[] = []
  const blobs = new Map<string, Blob>()
  const { createObjectURL, revokeObjectURL } = URL
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${blobs.size}`
      blobs.set(url, blob)
      return url
    },
    revokeObjectURL: () => {},
  })
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest('a[download]') as HTMLAnchorElement | null
    if (a === null) return
    e.preventDefault()
    files.push({ name: a.download, blob: blobs.get(a.href)! })
  }
  document.addEventListener('click', onClick)
  onTestFinished(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL })
    document.removeEventListener('click', onClick)
  })
  return files
}

describe('TranscriptMenu', () => {
  test('copy all and copy with timestamps put the text on the clipboard and say so', async () => {
    const written: string[] = []
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: async (t: string) => void written.push(t) },
    })
    onTestFinished(() => {
      vi.unstubAllGlobals()
    })
    const { menu } = await renderPlayer()
    await userEvent.click(within(menu).getByRole('button', { name: 'Copy all' }))
    await waitFor(() => expect(within(menu).getByRole('status')).toHaveTextContent('Transcript copied'))
    await userEvent.click(within(menu).getByRole('button', { name: 'Copy with timestamps' }))
    await waitFor(() =>
      expect(within(menu).getByRole('status')).toHaveTextContent('Transcript copied with timestamps'),
    )
    expect(written).toEqual([transcriptText(TRANSCRIPT), transcriptText(TRANSCRIPT, { timestamps: true })])
    expect(written[0]).toBe('Ann: Hello there & welcome\nStill me\n\nBo: My turn\n')
    expect(within(menu).queryByRole('alert')).toBeNull()
  })

  test('a refused copy is an alert with the reason', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: () => Promise.reject(new Error('Document is not focused.')) },
    })
    onTestFinished(() => {
      vi.unstubAllGlobals()
    })
    const { menu } = await renderPlayer()
    await userEvent.click(within(menu).getByRole('button', { name: 'Copy all' }))
    await waitFor(() =>
      expect(within(menu).getByRole('alert')).toHaveTextContent(
        'The browser did not allow copying: Document is not focused.',
      ),
    )
    expect(within(menu).getByRole('status')).toHaveTextContent('')
  })

  test.each([
    ['Text', 'Ann-&-Bo-a-talk.txt'],
    ['WebVTT', 'Ann-&-Bo-a-talk.vtt'],
    ['SRT', 'Ann-&-Bo-a-talk.srt'],
    ['JSON', 'Ann-&-Bo-a-talk.json'],
  ])('download as %s: a file named after the title that reads back as the same cues', async (label, name) => {
    const files = recordDownloads()
    const { menu } = await renderPlayer()
    await userEvent.click(within(menu).getByRole('button', { name: `Download as ${label}` }))
    await waitFor(() => expect(within(menu).getByRole('status')).toHaveTextContent(`Downloaded ${name}`))
    expect(files.map((f) => f.name)).toEqual([name])
    expectSameCues(await files[0]!.blob.text(), TRANSCRIPT, label === 'Text' ? 'text' : label)
  })
})

describe('print', () => {
  test('beforeprint renders every line; afterprint returns to the virtual window', async () => {
    const long = generateTranscript(400)
    render(<TranscriptPlayer src="/ep.mp3" transcript={long} />)
    await settled()
    await listMounted()
    const list = screen.getByRole('region', { name: 'Transcript' }).querySelector('ul')!
    const shown = list.querySelectorAll('[data-index]').length
    expect(shown).toBeLessThan(400)
    await act(async () => {
      window.dispatchEvent(new Event('beforeprint'))
    })
    expect(list.querySelectorAll('[data-index]')).toHaveLength(400)
    expect(list.hasAttribute('data-printing')).toBe(true)
    await act(async () => {
      window.dispatchEvent(new Event('afterprint'))
    })
    expect(list.querySelectorAll('[data-index]')).toHaveLength(shown)
    expect(list.hasAttribute('data-printing')).toBe(false)
  })

  test('Print in the menu opens the browser print dialog', async () => {
    const print = vi.fn()
    const original = window.print
    window.print = print
    onTestFinished(() => {
      window.print = original
    })
    const { menu } = await renderPlayer()
    await userEvent.click(within(menu).getByRole('button', { name: 'Print' }))
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1))
  })
})
