/**
 * The elements in Chromium with real audio and real layout: a page `<audio>` playing moves the
 * highlight of `<castline-transcript for>`, the player's upgraded Podcasting 2.0 HTML is a virtualized
 * list, a site's `::part` and `--castline-*` rules reach inside, and a speaker line keeps the height the
 * row estimate counts, in its theme's colours. State is polled, never slept for.
 */
import { SPEAKER_PALETTE } from '@castline/dom'
import { afterEach, expect, test } from 'vitest'
import '../src/index.js'
import { type AudioFixture, makeAudioFixture } from '../../dom/test/audio-fixture.js'
import type { CueChangeDetail } from '../src/index.js'
import { deep, deepAll, transcriptOf } from './fixture.js'

let fixture: AudioFixture | null = null
afterEach(() => {
  document.body.replaceChildren()
  document.head.querySelector('style[data-test]')?.remove()
  fixture?.release()
  fixture = null
})

test('a playing page <audio> highlights the spoken line of <castline-transcript for> (castline-cuechange)', async () => {
  fixture = await makeAudioFixture(6)
  const audio = document.createElement('audio')
  audio.id = 'episode'
  audio.src = fixture.url
  audio.preload = 'auto'
  const transcript = document.createElement('castline-transcript')
  transcript.setAttribute('for', 'episode')
  transcript.transcript = transcriptOf(
    ['zero', 'one', 'two', 'three', 'four', 'five'].map((w) => `Second ${w}.`),
  )
  const changes: number[] = []
  transcript.addEventListener('castline-cuechange', (e) =>
    changes.push((e as CustomEvent<CueChangeDetail>).detail.index),
  )
  document.body.append(audio, transcript)
  audio.muted = true
  await audio.play()
  // Lines are two seconds each: past 2.2 s the second line is spoken.
  await expect
    .poll(() => deepAll(transcript, '[aria-current="true"]').map((li) => li.getAttribute('data-index')), {
      timeout: 20_000,
    })
    .toEqual(['1'])
  audio.pause()
  expect(changes.slice(0, 2)).toEqual([0, 1])
  const active = deep(transcript, '[aria-current="true"]')
  expect(active.classList.contains('castline-line--active')).toBe(true)
  expect(active.textContent).toContain('Second one.')
})

test('the player upgrades in-page Podcasting 2.0 HTML to a virtualized list; ::part and --castline-* style it', async () => {
  const style = document.createElement('style')
  style.dataset.test = ''
  style.textContent = `
    castline-player { --castline-transcript-height: 200px; --castline-accent: rgb(1, 2, 3); }
    castline-player::part(line-time) { color: rgb(4, 5, 6); }
  `
  document.head.append(style)
  const count = 500
  const player = document.createElement('castline-player')
  player.setAttribute('waveform', 'none')
  player.setAttribute('deep-link', 'off')
  player.setAttribute('title', 'Upgraded')
  for (let i = 0; i < count; i++) {
    const time = document.createElement('time')
    time.textContent = `${Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}`
    const p = document.createElement('p')
    p.textContent = `Paragraph ${i}.`
    player.append(time, p)
  }
  document.body.append(player)
  await expect.poll(() => player.transcript?.cues.length).toBe(count)
  await expect.poll(() => deep(player, 'ul').hasAttribute('data-static')).toBe(false)
  const rows = deepAll(player, 'li[data-index]')
  expect(rows.length).toBeGreaterThan(3)
  expect(rows.length).toBeLessThan(60)
  expect(player.textContent).toContain('Paragraph 499.')
  expect(deep(player, '.castline-transcript__viewport').getBoundingClientRect().height).toBe(200)
  const time = rows[0]!.querySelector('.castline-line__time')!
  expect(getComputedStyle(time).color).toBe('rgb(4, 5, 6)')
  const play = deepAll(player, 'button').find((b) => b.classList.contains('castline-controls__play'))!
  expect(getComputedStyle(play).backgroundColor).toBe('rgb(1, 2, 3)')
})

test('speakers: the speaker line keeps the 21px the row estimate counts, with a picture or initials; names take the palette of the theme', async () => {
  const svg = encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="36" height="36"><circle cx="18" cy="18" r="18" fill="#1d5fc4"/></svg>',
  )
  const player = document.createElement('castline-player')
  player.setAttribute('waveform', 'none')
  player.setAttribute('deep-link', 'off')
  const base = transcriptOf(['Hello.', 'Hi there.', 'Welcome.'])
  const who = ['SPEAKER_1', 'SPEAKER_2', 'Ada']
  player.transcript = { ...base, cues: base.cues.map((c, i) => ({ ...c, speaker: who[i]! })), speakers: who }
  player.persons = [
    { name: 'Michael Kennedy', role: 'host', group: 'cast', img: `data:image/svg+xml,${svg}` },
    { name: 'Seth Larson', role: 'guest', group: 'cast' },
  ]
  player.speakers = { SPEAKER_1: 'Michael Kennedy', SPEAKER_2: 'Seth Larson' }
  document.body.append(player)
  await expect.poll(() => deepAll(player, '.castline-line__speaker').length).toBe(3)
  const labels = deepAll(player, '.castline-line__speaker') as HTMLElement[]
  const img = labels[0]!.querySelector('img')!
  await expect.poll(() => img.complete && img.naturalWidth > 0).toBe(true)
  expect(labels[1]!.querySelector('.castline-line__avatar--initials')!.textContent).toBe('SL')
  for (const label of labels)
    expect(Math.abs(label.getBoundingClientRect().height - 21)).toBeLessThanOrEqual(1)
  const nameColor = (i: number) =>
    getComputedStyle(labels[i]!.querySelector('.castline-line__speaker-name')!).color
  const hex = (color: string) =>
    `#${(color.match(/\d+/g) ?? [])
      .slice(0, 3)
      .map((n) => Number(n).toString(16).padStart(2, '0'))
      .join('')}`
  player.dataset.theme = 'light'
  expect([0, 1].map((i) => hex(nameColor(i)))).toEqual(SPEAKER_PALETTE.light.slice(0, 2))
  player.dataset.theme = 'dark'
  expect([0, 1].map((i) => hex(nameColor(i)))).toEqual(SPEAKER_PALETTE.dark.slice(0, 2))
})
