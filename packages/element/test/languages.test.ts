/**
 * Several transcripts in `<castline-player>` (the `transcripts` property): a picker with each language's
 * own name, the transcript's `lang` and `dir` (Arabic right to left), the choice kept in localStorage and
 * restored by the next player, storage that throws ignored, playback left where it was. The fixture is
 * the sample excerpt and its German and Arabic translations (made for the demo).
 */
import { LANGUAGE_STORAGE_KEY, type TranscriptChoice } from '@castline/dom'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { excerptChoices, sampleText } from '../../dom/test/take-away-fixture.js'
import '../src/index.js'
import { deep, deepAll, drivenPlayer, serve, settle, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

const CHOICES = excerptChoices()

afterEach(() => {
  localStorage.clear()
  vi.restoreAllMocks()
})
// Registered after the file's own hooks: after-hooks run as a stack, so the page's teardown comes first, as it did.
useFakePage()

async function player(choices: readonly TranscriptChoice[] = CHOICES) {
  const { el, seeks, moveTo } = await drivenPlayer((p) => {
    p.transcripts = choices
  })
  const select = deep(el, '.castline-language select') as HTMLSelectElement
  const part = deep(el, 'castline-transcript')
  const firstLine = () => deepAll(el, '.castline-line__text')[0]?.textContent ?? ''
  const choose = async (label: string) => {
    const option = [...select.options].find((o) => o.textContent === label)!
    select.value = option.value
    select.dispatchEvent(new Event('change'))
    await settle()
  }
  return { el, seeks, moveTo, select, part, firstLine, choose }
}

describe('transcript languages', () => {
  test("a labelled picker with each language's own name; the transcript takes the chosen one's lang and dir", async () => {
    const { el, select, part, firstLine, choose } = await player()
    const label = deep(el, '.castline-language label')
    expect(label.textContent).toBe('Transcript language')
    expect(label.getAttribute('for')).toBe(select.id)
    expect([...select.options].map((o) => o.textContent)).toEqual(['English', 'Deutsch', 'العربية'])
    expect([part.lang, part.dir]).toEqual(['en', 'ltr'])
    expect(firstLine()).toMatch(/^Every year/)
    await choose('العربية')
    expect([part.lang, part.dir]).toEqual(['ar', 'rtl'])
    expect(firstLine()).toMatch(/^في كل عام/)
    await choose('Deutsch')
    expect([part.lang, part.dir]).toEqual(['de', 'ltr'])
    expect(firstLine()).toMatch(/^Jedes Jahr/)
  })

  test('the choice is kept in localStorage and the next player starts with it', async () => {
    const first = await player()
    await first.choose('Deutsch')
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('de')
    first.el.remove()
    const next = await player()
    expect(next.select.selectedOptions[0]!.textContent).toBe('Deutsch')
    expect(next.part.lang).toBe('de')
    expect(next.firstLine()).toMatch(/^Jedes Jahr/)
  })

  test('storage that throws is ignored: the picker still switches', async () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    const { part, choose } = await player()
    expect(part.lang).toBe('en')
    await choose('العربية')
    expect(part.lang).toBe('ar')
  })

  test('switching keeps the playback position: no seek, the line at that time is the active one', async () => {
    const { el, seeks, moveTo, choose } = await player()
    await moveTo(15)
    await choose('العربية')
    expect(seeks).toEqual([])
    const active = deepAll(el, '.castline-line--active')
    expect(active.map((row) => row.getAttribute('aria-posinset'))).toEqual(['4'])
    expect(active[0]!.textContent).toMatch(/سيث مايكل لارسون/)
  })

  test('a choice by URL (as core feed transcripts give it) is fetched; one choice shows no picker', async () => {
    serve({ '/de.txt': sampleText('excerpt.de.txt') })
    const { el, part, firstLine } = await player([{ url: '/de.txt', type: 'text/plain', language: 'de' }])
    expect(deep(el, '.castline-language').hidden).toBe(true)
    expect(part.lang).toBe('de')
    expect(firstLine()).toMatch(/^Jedes Jahr/)
  })
})
