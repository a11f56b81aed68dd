/**
 * `{ url }` transcripts are fetched as bytes and decoded with the response's Content-Type charset: real
 * Response objects of UTF-16 and Windows-1252 SRT files (made from the SRT corpus), read to the same cues
 * as their UTF-8 text, with the decoding warnings first in the transcript's warnings.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseTranscript } from '@castline/core/formats'
import { render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { CastlineProvider } from '../src/context.js'
import { Transcript } from '../src/transcript.js'
import { type TranscriptLoad, useTranscriptInput } from '../src/use-transcript-input.js'
import { mockLayout } from './helpers.js'

// jsdom gives import.meta.url an http scheme: resolve from this file's directory instead.
const corpus = (p: string) => resolve(import.meta.dirname, '../../../../shared/corpora/', p)
const lala = readFileSync(corpus('srt/subtitle.js/fixtures/LaLaLand.srt'), 'utf8')
const FRENCH = '[ÉVÉNEMENTS : la musique d’intro]'
const french = readFileSync(corpus('srt/subsrt/sample.srt'), 'utf8').replace('[intro music]', FRENCH)
const frenchLine = french.split('\n').indexOf(FRENCH) + 1
/** Windows-1252 bytes: É is 0xC9, ’ is 0x92. */
const windows1252 = Buffer.from(french.replaceAll('’', '\x92'), 'latin1')
const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lala, 'utf16le')])

/** Serves `body` with the given Content-Type (none when undefined) to every fetch. */
function serve(body: Uint8Array, contentType?: string) {
  const headers = contentType === undefined ? {} : { 'content-type': contentType }
  // A copy over an ArrayBuffer of its own: a Node Buffer's may be shared, which BodyInit does not take.
  const fetchMock = vi.fn(async () => new Response(new Uint8Array(body), { status: 200, headers }))
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

/** The load state of `{ url }` once it has settled. */
async function load(url: string): Promise<TranscriptLoad> {
  const { result } = renderHook(() => useTranscriptInput({ url }))
  await waitFor(() => expect(result.current.status).not.toBe('loading'))
  return result.current
}

const cues = (load: TranscriptLoad) => load.transcript?.cues.map((c) => [c.start, c.end, c.text])
const parsedCues = (source: string) => parseTranscript(source).cues.map((c) => [c.start, c.end, c.text])

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('{ url } transcripts in other encodings than UTF-8', () => {
  test('a UTF-16LE SRT with a BOM reads to the same cues as its UTF-8 text, with no warning', async () => {
    serve(utf16le, 'application/x-subrip')
    const l = await load('/episode.srt')
    expect(l.status).toBe('ready')
    expect(cues(l)).toEqual(parsedCues(lala))
    expect(l.transcript?.warnings).toEqual(parseTranscript(lala).warnings)
  })

  test('a Windows-1252 SRT without a charset keeps its accented letters; the guess is the first warning', async () => {
    serve(windows1252, 'application/x-subrip')
    const l = await load('/french.srt')
    expect(cues(l)).toEqual(parsedCues(french))
    expect(l.transcript?.cues.map((c) => c.text)).toContain(FRENCH)
    expect(l.transcript?.warnings).toEqual([
      {
        line: frenchLine,
        code: 'encoding',
        message: `line ${frenchLine} is not valid UTF-8: the file was read as windows-1252`,
      },
      ...parseTranscript(french).warnings,
    ])
  })

  test('the Content-Type charset is honoured: nothing guessed, no warning', async () => {
    serve(windows1252, 'application/x-subrip; charset=windows-1252')
    const l = await load('/french.srt')
    expect(cues(l)).toEqual(parsedCues(french))
    expect(l.transcript?.warnings.filter((w) => w.code === 'encoding')).toEqual([])
  })

  test('an unknown charset is a warning, and the transcript still loads from its bytes', async () => {
    serve(windows1252, 'text/plain; charset=x-klingon')
    const l = await load('/french')
    expect(l.status).toBe('ready')
    expect(cues(l)).toEqual(parsedCues(french))
    expect(l.transcript?.warnings.filter((w) => w.code === 'encoding').map((w) => w.line)).toEqual([
      0,
      frenchLine,
    ])
  })

  test('the provider shows the decoded lines', async () => {
    const restore = mockLayout({ viewport: 400, row: 40 })
    try {
      const fetchMock = serve(windows1252)
      render(
        <CastlineProvider transcript={{ url: '/french.srt' }}>
          <Transcript />
        </CastlineProvider>,
      )
      expect(await screen.findByText(FRENCH)).toBeInTheDocument()
      expect(screen.queryByText(/\uFFFD/)).toBeNull()
      expect(fetchMock).toHaveBeenCalledWith('/french.srt', expect.anything())
    } finally {
      restore()
    }
  })
})
