import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import {
  activeLine,
  audioState,
  line,
  loadSample,
  openDemo,
  play,
  sharedBrowser,
  transcriptRegion,
  waitForTranscript,
} from './support.js'
import { toneWav } from './wav.js'

const browser = sharedBrowser()

/** The "open your own" page, beside the episode page (a second page of the static build). */
const OPEN_PAGE = 'open.html'

const LINES = ['First tone line', 'Second tone line', 'Third tone line']
const VTT = `WEBVTT

00:00.000 --> 00:01.000
${LINES[0]}

00:01.000 --> 00:02.000
${LINES[1]}

00:02.000 --> 00:03.000
${LINES[2]}
`

/** After the files are opened: the player shows them, computed peaks, and the audio plays through. */
async function expectOwnEpisodePlays(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('tone.wav')
  await waitForTranscript(page)
  for (const text of LINES) {
    await expect(transcriptRegion(page).getByText(text, { exact: true }).isVisible()).resolves.toBe(true)
  }
  await page.getByText('Waveform computed in your browser.').waitFor()
  await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1)
  const audio = await audioState(page)
  expect(audio.src).toMatch(/^blob:/)
  expect(audio.duration).toBeCloseTo(3, 1)

  await play(page)
  await page.waitForFunction(() => (document.querySelector('audio')?.currentTime ?? 0) > 1.3)
  await expect.poll(async () => (await activeLine(page))?.text).toMatch(/^(Second|Third) tone line$/)
  await page.waitForFunction(() => document.querySelector('audio')?.ended === true, undefined, {
    timeout: 10_000,
  })
}

test('a generated WAV and a VTT file load through the file inputs and play', async () => {
  const { page, errors, close } = await openDemo(browser(), OPEN_PAGE)
  try {
    await page
      .getByLabel('Audio file')
      .setInputFiles({ name: 'tone.wav', mimeType: 'audio/wav', buffer: toneWav(3) })
    await page
      .getByLabel('Transcript file')
      .setInputFiles({ name: 'tone.vtt', mimeType: 'text/vtt', buffer: Buffer.from(VTT) })
    await page.getByRole('button', { name: 'Play these files' }).click()
    await expectOwnEpisodePlays(page)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('dropping the two files on the panel opens them too', async () => {
  const { page, errors, close } = await openDemo(browser(), OPEN_PAGE)
  try {
    const wav = toneWav(3).toString('base64')
    const dataTransfer = await page.evaluateHandle(
      ([wavBase64, vtt]) => {
        const bytes = Uint8Array.from(atob(wavBase64), (c) => c.charCodeAt(0))
        const dt = new DataTransfer()
        dt.items.add(new File([bytes], 'tone.wav', { type: 'audio/wav' }))
        dt.items.add(new File([vtt], 'tone.vtt', { type: 'text/vtt' }))
        return dt
      },
      [wav, VTT] as const,
    )
    const zone = page.locator('form.demo-drop')
    await zone.dispatchEvent('dragenter', { dataTransfer })
    await zone.dispatchEvent('dragover', { dataTransfer })
    await zone.dispatchEvent('drop', { dataTransfer })
    await expect.poll(() => zone.getByText('tone.vtt').count()).toBe(1)
    await page.getByRole('button', { name: 'Play these files' }).click()
    await expectOwnEpisodePlays(page)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('a long audio without peaks opens with a notice instead of a decoded waveform', async () => {
  const sample = await loadSample()
  const folder = new URL('../public/episodes/talk-python-514/', import.meta.url)
  const { page, errors, close } = await openDemo(browser(), OPEN_PAGE)
  try {
    await page.getByLabel('Audio file').setInputFiles(fileURLToPath(new URL('episode.mp3', folder)))
    await page.getByLabel('Transcript file').setInputFiles(fileURLToPath(new URL('transcript.txt', folder)))
    await page.getByRole('button', { name: 'Play these files' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('episode.mp3')
    const minutes = Math.round(sample.duration / 60)
    await page.getByText(`No waveform: this audio is ${minutes} minutes long`).waitFor()
    await waitForTranscript(page)
    await expect(line(page, 0).getAttribute('aria-setsize')).resolves.toBe(
      String(sample.transcript.cues.length),
    )
    await play(page)
    await page.waitForFunction(() => (document.querySelector('audio')?.currentTime ?? 0) > 0.5)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

/** Opens tone.wav with a transcript file of the given bytes and waits for the player to show it. */
async function openWithTranscript(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page
    .getByLabel('Audio file')
    .setInputFiles({ name: 'tone.wav', mimeType: 'audio/wav', buffer: toneWav(3) })
  await page.getByLabel('Transcript file').setInputFiles({ name, mimeType: '', buffer: bytes })
  await page.getByRole('button', { name: 'Play these files' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('tone.wav')
  await waitForTranscript(page)
}

const FRENCH = ['Première ligne', 'LES ÉVÉNEMENTS d’été', 'Troisième ligne']
const FRENCH_SRT = FRENCH.map(
  (text, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i + 1},000\n${text}\n`,
).join('\n')

test('a Windows-1252 transcript opens with its accented letters, and a notice says it was not UTF-8', async () => {
  const { page, errors, close } = await openDemo(browser(), OPEN_PAGE)
  try {
    // Windows-1252: è is 0xE8, É 0xC9, ’ 0x92 (Latin-1 has a control there).
    await openWithTranscript(page, 'tone.srt', Buffer.from(FRENCH_SRT.replaceAll('’', '\x92'), 'latin1'))
    for (const text of FRENCH) {
      await expect(transcriptRegion(page).getByText(text, { exact: true }).isVisible()).resolves.toBe(true)
    }
    await page
      .getByText('Transcript “tone.srt”: line 3 is not valid UTF-8: the file was read as windows-1252.')
      .waitFor()
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('a UTF-16 transcript without a byte order mark opens, and a notice says how it was read', async () => {
  const { page, errors, close } = await openDemo(browser(), OPEN_PAGE)
  try {
    // Chromium's File.text() reads a UTF-16 file with a BOM, but not one without.
    await openWithTranscript(page, 'tone.srt', Buffer.from(FRENCH_SRT, 'utf16le'))
    for (const text of FRENCH) {
      await expect(transcriptRegion(page).getByText(text, { exact: true }).isVisible()).resolves.toBe(true)
    }
    await page
      .getByText(
        'Transcript “tone.srt”: no byte order mark or charset, but NUL bytes in every other place: read as utf-16le.',
      )
      .waitFor()
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
