/**
 * Several transcripts in `<TranscriptPlayer transcripts>`: a picker with each language's own name, the
 * list's `lang` and `dir` (Arabic right to left), the choice kept in localStorage and restored by the
 * next player, storage that throws ignored, and playback left where it was when the language changes.
 * The fixture is the sample excerpt and its German and Arabic translations (made for the demo).
 */
import { LANGUAGE_STORAGE_KEY } from '@castline/dom'
import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { excerptChoices } from '../../dom/test/take-away-fixture.js'
import { TranscriptPlayer } from '../src/entry/player.js'
import { fakeMedia } from './fake-media.js'
import { fakePlayerPage, listMounted, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

const CHOICES = excerptChoices()

afterEach(() => {
  localStorage.clear()
  vi.restoreAllMocks()
})
// Registered after the file's own hooks: after-hooks run as a stack, so the page's teardown comes first, as it did.
fakePlayerPage()

async function renderPlayer() {
  const result = render(<TranscriptPlayer src="/ep.mp3" transcripts={CHOICES} duration={40} />)
  await settled()
  await listMounted()
  const list = () => screen.getByRole('region', { name: 'Transcript' }).querySelector('ul')!
  const firstLine = () =>
    within(list()).getAllByRole('listitem')[0]!.querySelector('.castline-line__text')!.textContent
  return { ...result, list, firstLine, picker: screen.getByRole('combobox', { name: 'Transcript language' }) }
}

describe('transcript languages', () => {
  test("a picker with each language's own name; the list takes the chosen one's lang and dir", async () => {
    const { picker, list, firstLine } = await renderPlayer()
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['English', 'Deutsch', 'العربية'])
    expect(list().getAttribute('lang')).toBe('en')
    expect(list().getAttribute('dir')).toBe('ltr')
    expect(firstLine()).toMatch(/^Every year/)
    await userEvent.selectOptions(picker, 'العربية')
    await settled()
    await listMounted()
    expect(list().getAttribute('lang')).toBe('ar')
    expect(list().getAttribute('dir')).toBe('rtl')
    expect(firstLine()).toMatch(/^في كل عام/)
    await userEvent.selectOptions(picker, 'Deutsch')
    await settled()
    expect(list().getAttribute('lang')).toBe('de')
    expect(list().getAttribute('dir')).toBe('ltr')
  })

  test('the choice is kept in localStorage and the next player starts with it', async () => {
    const first = await renderPlayer()
    await userEvent.selectOptions(first.picker, 'Deutsch')
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('de')
    first.unmount()
    const next = await renderPlayer()
    expect((next.picker as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Deutsch')
    expect(next.list().getAttribute('lang')).toBe('de')
    expect(next.firstLine()).toMatch(/^Jedes Jahr/)
  })

  test('storage that throws is ignored: the picker still switches', async () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    const { picker, list } = await renderPlayer()
    expect(list().getAttribute('lang')).toBe('en')
    await userEvent.selectOptions(picker, 'العربية')
    await settled()
    expect(list().getAttribute('lang')).toBe('ar')
  })

  test('switching keeps the playback position: no seek, the line at that time is the active one', async () => {
    const { picker, container, list } = await renderPlayer()
    const media = fakeMedia(container.querySelector('audio')!)
    act(() => media.loadMetadata(40))
    act(() => media.advance(15))
    await settled()
    await userEvent.selectOptions(picker, 'العربية')
    await settled()
    await listMounted()
    expect(media.seeks).toEqual([])
    expect(media.element.currentTime).toBe(15)
    // 00:00:14 is the fourth line, in Arabic now.
    const active = list().querySelector('[aria-current="true"], .castline-line--active')
    expect(active?.getAttribute('aria-posinset')).toBe('4')
    expect(active?.textContent).toMatch(/سيث مايكل لارسون/)
  })

  test('server HTML and hydration show the first choice (no mismatch); the kept one follows after hydration', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ar')
    const app = <TranscriptPlayer src="/ep.mp3" transcripts={CHOICES} duration={40} />
    const container = document.createElement('div')
    container.innerHTML = renderToString(app)
    document.body.append(container)
    expect(container.querySelector('.castline-transcript__list')?.getAttribute('lang')).toBe('en')
    const recoverable = vi.fn()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    let root: ReturnType<typeof hydrateRoot> | undefined
    await act(async () => {
      root = hydrateRoot(container, app, { onRecoverableError: recoverable })
    })
    await listMounted()
    expect(recoverable).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    const list = container.querySelector('.castline-transcript__list')!
    expect([list.getAttribute('lang'), list.getAttribute('dir')]).toEqual(['ar', 'rtl'])
    expect(within(container).getByRole('combobox', { name: 'Transcript language' })).toHaveValue('2')
    await act(async () => root!.unmount())
    container.remove()
  })

  test('one transcript in the list: no picker', async () => {
    render(<TranscriptPlayer src="/ep.mp3" transcripts={[CHOICES[1]!]} />)
    await settled()
    expect(screen.queryByRole('combobox', { name: 'Transcript language' })).toBeNull()
    expect(screen.getByRole('region', { name: 'Transcript' }).querySelector('ul')?.getAttribute('lang')).toBe(
      'de',
    )
  })
})
