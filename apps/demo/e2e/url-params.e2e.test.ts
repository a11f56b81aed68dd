import { expect, test } from 'vitest'
import {
  audioState,
  loadSample,
  openDemo,
  sharedBrowser,
  transcriptRegion,
  waitForTranscript,
} from './support.js'

const browser = sharedBrowser()

test('?audio=&transcript=&peaks=&title= loads a hosted episode', async () => {
  const folder = 'episodes/talk-python-514/'
  const query = new URLSearchParams({
    audio: `${folder}excerpt.mp3`,
    transcript: `${folder}excerpt.txt`,
    peaks: `${folder}excerpt-peaks.json`,
    title: 'An excerpt',
  })
  const { page, errors, close } = await openDemo(browser(), `?${query}`)
  try {
    await waitForTranscript(page)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('An excerpt')
    await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1)
    expect((await audioState(page)).src).toMatch(/excerpt\.mp3$/)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('a link to a long episode without peaks shows a notice instead of downloading and decoding it', async () => {
  const sample = await loadSample()
  const folder = 'episodes/talk-python-514/'
  const query = new URLSearchParams({ audio: `${folder}episode.mp3`, transcript: `${folder}transcript.txt` })
  const { page, errors, close } = await openDemo(browser(), `?${query}`)
  const fetched: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() !== 'media') fetched.push(request.url())
  })
  try {
    await waitForTranscript(page)
    const minutes = Math.round(sample.duration / 60)
    await page.getByText(`No waveform: this audio is ${minutes} minutes long`).waitFor()
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('episode.mp3')
    // The audio is only ever streamed by the media element, never fetched whole for decoding.
    await page.waitForTimeout(1000)
    expect(fetched.filter((url) => url.endsWith('.mp3'))).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('javascript: and data: URLs in the link are refused with a visible message', async () => {
  const sample = await loadSample()
  const query = new URLSearchParams({
    audio: 'javascript:alert(1)',
    transcript: 'data:text/plain,00:00:00 hi',
  })
  const { page, close } = await openDemo(browser(), `?${query}`)
  try {
    const alert = page.getByRole('alert')
    await alert.waitFor()
    await expect(alert.textContent()).resolves.toMatch(
      /audio= parameter was refused: javascript: URLs are not allowed/,
    )
    // The sample plays instead; nothing of the link reached the player.
    await waitForTranscript(page)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(sample.title)
    await expect(transcriptRegion(page).getByText('hi', { exact: true }).count()).resolves.toBe(0)

    const dataOnly = new URLSearchParams({
      audio: 'episodes/talk-python-514/excerpt.mp3',
      transcript: 'data:,x',
    })
    await page.goto(new URL(`?${dataOnly}`, page.url()).href)
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /transcript= parameter was refused: data:/,
    )
  } finally {
    await close()
  }
})

test('?feed=&episode= loads a feed episode; an unknown GUID says so plainly', async () => {
  const feed = 'episodes/talk-python-514/feed.xml'
  const good = new URLSearchParams({ feed, episode: 'talkpython-514-python-language-summit-2025' })
  const opened = await openDemo(browser(), `?${good}`)
  try {
    await waitForTranscript(opened.page)
    await expect(opened.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Python Language Summit 2025',
    )
    expect(opened.errors).toEqual([])
  } finally {
    await opened.close()
  }

  const bad = new URLSearchParams({ feed, episode: 'no-such-episode' })
  const { page, close } = await openDemo(browser(), `?${bad}`)
  try {
    const alert = page.getByRole('alert')
    await alert.waitFor()
    await expect(alert.textContent()).resolves.toBe(
      'The feed has no episode with the GUID "no-such-episode" (it lists 1 episode).',
    )
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'The episode could not be loaded',
    )
  } finally {
    await close()
  }
})
