/**
 * The UI's locale in the React renderer: `locale` and `labels` on `TranscriptPlayer` (through the
 * provider to every part), the root's `dir` and `lang`, numbers and times in the locale's digits, and a
 * whole player in German with no English word of the labels left in any control, name or status.
 */
import type { Chapter } from '@castline/core/chapters'
import { ar } from '@castline/dom/locales/ar'
import { de } from '@castline/dom/locales/de'
import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { excerptChoices } from '../../dom/test/take-away-fixture.js'
import { englishOnlyWords, untranslated } from '../../dom/test/ui-strings.js'
import { TranscriptPlayer, type TranscriptPlayerProps } from '../src/entry/player.js'
import { type FakeMedia, fakeMedia } from './fake-media.js'
import { fakePlayerPage, generateTranscript, listMounted, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

fakePlayerPage()
afterEach(() => {
  localStorage.clear()
  vi.restoreAllMocks()
})

const TRANSCRIPT = generateTranscript(60, { seconds: 5, text: (i) => `Zeile ${i}` })
const CHAPTERS: Chapter[] = [
  { start: 0, title: 'Einleitung', toc: true },
  { start: 100, title: 'Schluss', toc: true },
]

/** The fullest player: chapters, highlights, ad breaks, the language picker, the mini player, a waveform. */
async function renderPlayer(props: Partial<TranscriptPlayerProps> = {}) {
  const result = render(
    <TranscriptPlayer
      src="/ep.mp3"
      transcripts={excerptChoices()}
      duration={300}
      chapters={CHAPTERS}
      soundbites={[{ startTime: 12, duration: 5 }]}
      adBreaks={[{ at: 50, duration: 30 }]}
      miniPlayer
      {...props}
    />,
  )
  const media: FakeMedia = fakeMedia(result.container.querySelector('audio')!)
  act(() => media.loadMetadata(330))
  await settled()
  await listMounted()
  return { ...result, media }
}

describe('locale', () => {
  test('German: every control, name, status and value text is German (the check finds English when there is some)', async () => {
    const user = userEvent.setup()
    const english = await renderPlayer({ transcript: TRANSCRIPT, transcripts: undefined })
    // The same check over the English player finds the English words: it can fail.
    expect(untranslated(english.container, de).length).toBeGreaterThan(10)
    english.unmount()

    const { container } = await renderPlayer({ locale: de, transcript: TRANSCRIPT, transcripts: undefined })
    await user.type(screen.getByRole('searchbox', { name: 'Transkript durchsuchen' }), 'Zeile 1')
    await settled()
    expect(container.querySelector('.castline-search__count')?.textContent).toMatch(/von/)
    expect(untranslated(container, de)).toEqual([])
    expect(englishOnlyWords(de).has('play')).toBe(true)
    expect(screen.getByRole('button', { name: 'Abspielen' })).toBeInTheDocument()
    expect(screen.getByRole('slider', { name: 'Springen' })).toHaveAttribute(
      'aria-valuetext',
      '0 Sekunden von 5 Minuten',
    )
    expect(screen.getByRole('combobox', { name: 'Wiedergabegeschwindigkeit' })).toHaveTextContent('1,5×')
    expect(container.querySelector('.castline-line__ad')).toHaveTextContent('Werbepause · 0:30')
    expect(container.querySelector('.castline-player')).toHaveAttribute('dir', 'ltr')
    expect(container.querySelector('.castline-player')).toHaveAttribute('lang', 'de')
  })

  test('German with the language picker: the picker and its label are German too', async () => {
    const { container } = await renderPlayer({ locale: de })
    expect(screen.getByRole('combobox', { name: 'Sprache des Transkripts' })).toBeInTheDocument()
    expect(untranslated(container, de)).toEqual([])
  })

  test('Arabic: the root is right to left, the controls are Arabic and times use the locale digits', async () => {
    const { container } = await renderPlayer({ locale: ar })
    const player = container.querySelector('.castline-player')!
    expect(player).toHaveAttribute('dir', 'rtl')
    expect(player).toHaveAttribute('lang', 'ar')
    expect(screen.getByRole('button', { name: 'تشغيل' })).toBeInTheDocument()
    await act(() => container.querySelector('audio')!.play())
    expect(await screen.findAllByRole('button', { name: 'إيقاف مؤقت' })).not.toHaveLength(0)
    const digit = (d: number) => new Intl.NumberFormat('ar').format(d)
    expect(container.querySelector('.castline-controls__duration')).toHaveTextContent(
      // 330 s of audio less the 30 s break: 5:00 of transcript time.
      `${digit(5)}:${digit(0)}${digit(0)}`,
    )
    expect(untranslated(container, ar)).toEqual([])
  })

  test('labels override single strings over the locale; a tag without labels is English and a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { unmount } = await renderPlayer({
      locale: de,
      labels: { play: 'Los', back: '−{seconds} s' },
    })
    expect(screen.getByRole('button', { name: 'Los' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '−15 s' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Nächstes Kapitel' })).toBeInTheDocument()
    unmount()
    await renderPlayer({ locale: 'fr' })
    const player = screen.getByRole('region', { name: 'Audio player' })
    expect(within(player).getByRole('button', { name: 'Play' })).toBeInTheDocument()
    expect(warn).toHaveBeenCalledWith(
      'Castline locale: No labels for the locale "fr": the player is shown in English.',
    )
  })
})
