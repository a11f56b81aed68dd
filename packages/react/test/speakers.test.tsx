/**
 * Who is speaking, in the React renderer: `persons` and `speakers` on TranscriptPlayer/CastlineProvider
 * give each speaker change an avatar (or initials), the name in the speaker's colour and the role, all as
 * text; a broken picture falls back to initials (theme.css's palette: css.test.ts).
 */
import type { Transcript } from '@castline/core'
import type { Person } from '@castline/core/feed'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test, vi } from 'vitest'
import { TranscriptPlayer, type TranscriptPlayerProps } from '../src/entry/player.js'
import { lineRenderProbe } from '../src/line.js'
import { fakePlayerPage, generateTranscript, renderLoaded, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

fakePlayerPage()

const PERSONS: Person[] = [
  { name: 'Michael Kennedy', role: 'host', group: 'cast', img: 'https://example.com/michael.svg' },
  { name: 'Sofía <b>Ruiz</b>', role: 'guest', group: 'cast' },
]

/** The generated transcript with its labels renamed: SPEAKER_1, SPEAKER_2 and Ada, three lines each. */
function labelled(): Transcript {
  const t = generateTranscript(30, { seconds: 5 })
  const rename: Record<string, string> = { Michael: 'SPEAKER_1', Sofia: 'SPEAKER_2' }
  return {
    ...t,
    cues: t.cues.map((c) =>
      c.speaker === undefined ? c : { ...c, speaker: rename[c.speaker] ?? c.speaker },
    ),
    speakers: t.speakers.map((s) => rename[s] ?? s),
  }
}

const renderPlayer = (props: Partial<TranscriptPlayerProps> = {}) =>
  renderLoaded(<TranscriptPlayer src="/ep.mp3" transcript={labelled()} duration={150} {...props} />, 150)

/** The speaker labels of the rendered rows, in order. */
function speakerLabels(): HTMLElement[] {
  const transcript = screen.getByRole('region', { name: 'Transcript' })
  return [...transcript.querySelectorAll<HTMLElement>('.castline-line__speaker')]
}

describe('speakers', () => {
  test('a speakers map names SPEAKER_N labels; persons add the avatar, the role and a colour each', async () => {
    await renderPlayer({
      persons: PERSONS,
      speakers: { SPEAKER_1: 'michael kennedy', SPEAKER_2: 'Sofia <b>Ruiz</b>' },
    })
    const [michael, sofia, ada] = speakerLabels()
    expect(michael!.querySelector('.castline-line__speaker-name')!.textContent).toBe('Michael Kennedy')
    expect(michael!.querySelector('.castline-line__role')!.textContent).toBe('host')
    const img = michael!.querySelector('img')!
    expect(img.getAttribute('src')).toBe('https://example.com/michael.svg')
    expect(img.getAttribute('alt')).toBe('')
    expect(img.getAttribute('loading')).toBe('lazy')
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['18', '18'])
    // A person without a picture: initials, hidden from assistive technology (the name is beside them).
    const initials = sofia!.querySelector('.castline-line__avatar--initials')!
    expect(initials.textContent).toBe('S<')
    expect(initials.getAttribute('aria-hidden')).toBe('true')
    // The name is text, never markup.
    expect(sofia!.querySelector('.castline-line__speaker-name')!.textContent).toBe('Sofía <b>Ruiz</b>')
    expect(sofia!.querySelector('b')).toBeNull()
    expect(sofia!.querySelector('.castline-line__role')!.textContent).toBe('guest')
    // No person: the label, coloured, with no avatar and no role.
    expect(ada!.textContent).toBe('Ada')
    expect(ada!.querySelector('.castline-line__avatar, .castline-line__role')).toBeNull()
    expect([michael, sofia, ada].map((s) => s!.className)).toEqual([
      'castline-line__speaker castline-speaker-0',
      'castline-line__speaker castline-speaker-1',
      'castline-line__speaker castline-speaker-2',
    ])
    // The time button is described by the speaker and the text, as before.
    const row = michael!.closest('li')!
    const describedBy = within(row).getByRole('button', { name: '0:00' }).getAttribute('aria-describedby')!
    expect(describedBy.split(' ')[0]).toBe(michael!.id)
  })

  test('a picture that fails to load gives way to the initials, and is not tried again by rows shown later', async () => {
    const persons = [{ ...PERSONS[0]!, img: 'https://example.com/broken.svg' }]
    const props = { persons, speakers: { SPEAKER_1: 'Michael Kennedy' } }
    const { unmount } = await renderPlayer(props)
    const first = speakerLabels()[0]!
    fireEvent.error(first.querySelector('img')!)
    expect(first.querySelector('img')).toBeNull()
    expect(first.querySelector('.castline-line__avatar--initials')!.textContent).toBe('MK')
    // A row rendered afterwards (here in a new player) shows the initials at once.
    unmount()
    await renderPlayer(props)
    const again = speakerLabels()[0]!
    expect(again.querySelector('.castline-line__speaker-name')!.textContent).toBe('Michael Kennedy')
    expect(again.querySelector('img')).toBeNull()
    expect(again.querySelector('.castline-line__avatar--initials')!.textContent).toBe('MK')
  })

  test('without persons or speakers, the labels as the transcript has them, each in a colour', async () => {
    await renderPlayer()
    const labels = speakerLabels()
    expect(labels.slice(0, 3).map((s) => s.textContent)).toEqual(['SPEAKER_1', 'SPEAKER_2', 'Ada'])
    expect(document.querySelector('.castline-line__avatar')).toBeNull()
  })

  test('new persons and speakers arrays with the same content render no line again', async () => {
    const transcript = labelled()
    const props = { src: '/ep.mp3', transcript, duration: 150 }
    const { rerender } = await renderPlayer({
      ...props,
      persons: PERSONS,
      speakers: { SPEAKER_1: 'Michael Kennedy' },
    })
    const renders: number[] = []
    lineRenderProbe.current = (index) => renders.push(index)
    try {
      rerender(
        <TranscriptPlayer
          {...props}
          persons={PERSONS.map((p) => ({ ...p }))}
          speakers={{ SPEAKER_1: 'Michael Kennedy' }}
        />,
      )
      await settled()
      expect(renders).toEqual([])
      // A change of content does render them, with the new name.
      rerender(<TranscriptPlayer {...props} persons={PERSONS} speakers={{ SPEAKER_1: 'Grace Hopper' }} />)
      await settled()
      expect(renders.length).toBeGreaterThan(0)
      expect(speakerLabels()[0]!.textContent).toBe('Grace Hopper')
    } finally {
      lineRenderProbe.current = null
    }
  })
})

describe('the panel layout: chapters and speakers in the panel', () => {
  const CHAPTERS = [
    { start: 0, end: 40, title: 'Hello', toc: true },
    { start: 40, end: 150, title: '<i>Python</i> & more', toc: true },
  ]

  test('the panel lists each speaker once (avatar, name, role as text) and the chapters open as buttons that seek', async () => {
    const user = userEvent.setup()
    const { media } = await renderPlayer({
      layout: 'panel',
      persons: PERSONS,
      speakers: { SPEAKER_1: 'Michael Kennedy', SPEAKER_2: 'Sofía <b>Ruiz</b>' },
      chapters: CHAPTERS,
    })
    const main = document.querySelector('.castline-player__main') as HTMLElement
    const speakers = within(main).getByRole('list', { name: 'Speakers' })
    const people = within(speakers).getAllByRole('listitem')
    // A picture (alt ""), else initials as at a change of speaker; a label matching no one has neither.
    expect(people.map((li) => li.textContent)).toEqual([
      'Michael Kennedyhost',
      'S<Sofía <b>Ruiz</b>guest',
      'Ada',
    ])
    expect(speakers.querySelector('b')).toBeNull()
    expect(people[0]!.querySelector('img')).toHaveAttribute('src', 'https://example.com/michael.svg')
    expect(people[1]!.querySelector('.castline-line__speaker')!.className).toContain('castline-speaker-1')

    // Not a disclosure: the list itself, the one playing marked, a click seeks.
    const chapters = within(main).getByRole('list', { name: 'Chapters' })
    expect(chapters.closest('details')).toBeNull()
    const buttons = within(chapters).getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual(['0:00 Hello', '0:40 <i>Python</i> & more'])
    expect(buttons[0]).toHaveAttribute('aria-current', 'true')
    await user.click(buttons[1]!)
    expect(media.seeks.at(-1)).toBe(40)
    await waitFor(() => expect(buttons[1]).toHaveAttribute('aria-current', 'true'))
    expect(buttons[0]).not.toHaveAttribute('aria-current')
  })

  test('stacked (the default) has no speakers list and only the controls’ chapter disclosure', async () => {
    await renderPlayer({ persons: PERSONS, chapters: CHAPTERS })
    expect(screen.queryByRole('list', { name: 'Speakers' })).toBeNull()
    expect(document.querySelector('.castline-player__chapters')).toBeNull()
    expect(document.querySelectorAll('.castline-controls__chapter-list')).toHaveLength(1)
    expect(document.querySelector('details.castline-controls__chapter-list')).not.toBeNull()
  })
})
