import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Profiler, type ReactNode } from 'react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { PlayerControls } from '../src/entry/controls.js'
import { Waveform } from '../src/entry/waveform.js'
import { CastlineProvider, Transcript, TranscriptSearch, useFollowMode } from '../src/index.js'
import { fakeMedia, installFakeMedia } from './fake-media.js'
import { instances, resetWaveSurfers } from './fake-wavesurfer.js'
import { generateTranscript, listMounted, mockLayout, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

// Which parts re-render for which change: the provider's state is in small stores, so a part renders
// for the state it reads and for nothing else. Counted with <Profiler>, whose onRender runs for each
// commit in which something inside it rendered.

let restore: () => void
beforeEach(() => {
  const restoreMedia = installFakeMedia()
  const restoreLayout = mockLayout({ viewport: 400, row: 40 })
  resetWaveSurfers()
  restore = () => {
    restoreLayout()
    restoreMedia()
  }
})
afterEach(() => restore())

const renders: Record<string, number> = {}

function Counted({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Profiler
      id={id}
      onRender={() => {
        renders[id] = (renders[id] ?? 0) + 1
      }}
    >
      {children}
    </Profiler>
  )
}

let follow: ReturnType<typeof useFollowMode> | null = null
function FollowProbe() {
  follow = useFollowMode()
  return null
}

async function setup() {
  for (const id of Object.keys(renders)) delete renders[id]
  const el = document.createElement('audio')
  el.setAttribute('src', '/episode.mp3')
  // "number" is in every line: a query for it finds matches, and the list highlights them.
  render(
    <CastlineProvider media={el} transcript={generateTranscript(200)}>
      <Counted id="waveform">
        <Waveform duration={400} />
      </Counted>
      <Counted id="controls">
        <PlayerControls duration={400} />
      </Counted>
      <Counted id="search">
        <TranscriptSearch />
      </Counted>
      <Counted id="transcript">
        <Transcript />
      </Counted>
      <Counted id="follow">
        <FollowProbe />
      </Counted>
    </CastlineProvider>,
  )
  await settled()
  await listMounted()
  await waitFor(() => expect(instances).toHaveLength(1))
  const media = fakeMedia(el)
  act(() => media.loadMetadata(400))
  await settled()
  return media
}

/** The renders of each part since `before`. */
function since(before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const id of ['waveform', 'controls', 'search', 'transcript', 'follow'])
    out[id] = (renders[id] ?? 0) - (before[id] ?? 0)
  return out
}

test('typing in the search box re-renders neither the waveform nor the controls', async () => {
  const user = userEvent.setup({ delay: null })
  await setup()
  const before = { ...renders }
  await user.type(screen.getByRole('searchbox'), 'number 1')
  await settled()
  const counts = since(before)
  // The search field rendered for each of the 8 keystrokes, the list for the highlights.
  expect(counts.search).toBeGreaterThanOrEqual(8)
  expect(counts.transcript).toBeGreaterThan(0)
  expect(screen.getByRole('searchbox')).toHaveValue('number 1')
  expect(document.querySelectorAll('mark').length).toBeGreaterThan(0)
  expect(counts.waveform).toBe(0)
  expect(counts.controls).toBe(0)
})

test('a follow change does not re-render the waveform or the controls', async () => {
  await setup()
  const before = { ...renders }
  act(() => follow!.detach())
  await settled()
  expect(follow!.following).toBe(false)
  act(() => follow!.follow())
  await settled()
  expect(follow!.following).toBe(true)
  const counts = since(before)
  expect(counts.follow).toBe(2)
  expect(counts.waveform).toBe(0)
  expect(counts.controls).toBe(0)
})

test('the media time ticking does not re-render the search', async () => {
  const media = await setup()
  const before = { ...renders }
  // Twenty seconds in quarter seconds: the clock's whole second changes twenty times.
  for (let i = 1; i <= 80; i++) act(() => media.advance(i * 0.25))
  await settled()
  const counts = since(before)
  expect(screen.getByRole('slider', { name: 'Seek' })).toHaveAttribute('aria-valuenow', '20')
  expect(counts.controls).toBeGreaterThanOrEqual(20)
  expect(counts.search).toBe(0)
  expect(counts.follow).toBe(0)
})
