import { describe, expect, it } from 'vitest'
import { en, findLocale, type Labels, localeFormat, resolveLocale } from '../src/labels.js'
import { ar } from '../src/locales/ar.js'
import { de } from '../src/locales/de.js'

const LOCALES = [de, ar]

describe('resolveLocale', () => {
  it('is English without a locale, left to right, with no warnings', () => {
    const r = resolveLocale()
    expect(r.code).toBe('en')
    expect(r.dir).toBe('ltr')
    expect(r.labels.play).toBe('Play')
    expect(r.labels.back('15')).toBe('Back 15 seconds')
    expect(r.warnings).toEqual([])
  })

  it('finds a tag among the available locales, exactly or by its primary subtag', () => {
    expect(resolveLocale('de', null, LOCALES).labels.play).toBe('Abspielen')
    expect(resolveLocale('de-AT', null, LOCALES).code).toBe('de')
    expect(resolveLocale('AR-eg', null, LOCALES).code).toBe('ar')
    expect(findLocale('en-GB', [en, ...LOCALES])).toBe(en)
  })

  it('gives Arabic right to left and German left to right', () => {
    expect(resolveLocale(ar).dir).toBe('rtl')
    expect(resolveLocale(ar).labels.pause).toBe('إيقاف مؤقت')
    expect(resolveLocale(de).dir).toBe('ltr')
  })

  it('shows an unknown locale in English and records a warning instead of failing', () => {
    const r = resolveLocale('fr', null, LOCALES)
    expect(r.code).toBe('en')
    expect(r.labels).toBe(en.labels)
    expect(r.warnings).toEqual(['No labels for the locale "fr": the player is shown in English.'])
    // A tag the locale list does not have even when nothing is available.
    expect(resolveLocale('de').warnings).toHaveLength(1)
  })

  it('overrides single labels over a locale, leaving the others', () => {
    const r = resolveLocale(de, { play: 'Los', matchCount: (c, t) => `${c}/${t}` })
    expect(r.labels.play).toBe('Los')
    expect(r.labels.pause).toBe('Pause')
    expect(r.labels.matchCount('3', '17')).toBe('3/17')
    expect(r.labels.nextChapter).toBe('Nächstes Kapitel')
    expect(de.labels.play).toBe('Abspielen')
  })

  it('takes a template for a function label (as a JSON attribute can only give)', () => {
    const r = resolveLocale(en, { back: '−{seconds} s', seekValue: '{time} / {duration}' })
    expect(r.labels.back('15')).toBe('−15 s')
    expect(r.labels.seekValue('1:00', '2:00')).toBe('1:00 / 2:00')
    expect(r.warnings).toEqual([])
  })

  it('ignores an unknown key or a value of the wrong type, with a warning each', () => {
    const r = resolveLocale(en, { plya: 'x', play: 3, pause: 'Halt' } as never)
    expect(r.labels.play).toBe('Play')
    expect(r.labels.pause).toBe('Halt')
    expect(r.warnings).toEqual([
      'Unknown label "plya": ignored.',
      'The label "play" must be a string: ignored.',
    ])
  })

  it('translates every label of English in German and Arabic (same keys, same kinds, other text)', () => {
    const keys = Object.keys(en.labels) as (keyof Labels)[]
    for (const locale of LOCALES) {
      expect(Object.keys(locale.labels).sort()).toEqual([...keys].sort())
      for (const key of keys) {
        const mine = locale.labels[key]
        const english = en.labels[key]
        expect(typeof mine, `${locale.code}.${key}`).toBe(typeof english)
        // feedFailed takes an error kind and the English detail, which a translation does not show.
        const args = key === 'feedFailed' ? ['unknown-episode', '7'] : ['7', '9']
        const text = typeof mine === 'function' ? (mine as (...a: string[]) => string)(...args) : mine
        const eng = typeof english === 'function' ? (english as (...a: string[]) => string)(...args) : english
        // "Pause", "Aa" and "Text" are the same in German; nothing else is left in English.
        if (!(locale.code === 'de' && (key === 'pause' || key === 'readerButton' || key === 'plainText')))
          expect(text, key).not.toBe(eng)
        if (typeof mine === 'function' && key !== 'feedFailed') expect(text, key).toContain('7')
      }
      // A sentence of its own for each way a feed fails.
      const kinds = ['unreachable', 'http', 'not-a-feed', 'unknown-episode', 'no-audio'] as const
      const sentences = kinds.map((kind) => locale.labels.feedFailed(kind, 'detail'))
      expect(new Set(sentences).size, `${locale.code}.feedFailed`).toBe(kinds.length)
      for (const sentence of sentences) expect(sentence).toMatch(/^\S.{10,}$/)
    }
  })
})

describe('localeFormat', () => {
  const digitsOf = (tag: string) => Array.from({ length: 10 }, (_, d) => new Intl.NumberFormat(tag).format(d))

  it('writes English as core writes a clock', () => {
    const f = localeFormat('en')
    expect(f.clock(4374)).toBe('1:12:54')
    expect(f.clock(690)).toBe('11:30')
    expect(f.rate(1.5)).toBe('1.5×')
    expect(f.rate(1)).toBe('1×')
    expect(f.percent(50)).toBe('50%')
    expect(f.duration(690)).toBe('11 minutes, 30 seconds')
    expect(f.duration(0)).toBe('0 seconds')
  })

  it('writes a German rate with a decimal comma, and German units', () => {
    const f = localeFormat('de')
    expect(f.rate(1.5)).toBe('1,5×')
    expect(f.rate(0.75)).toBe('0,75×')
    expect(f.clock(4374)).toBe('1:12:54')
    expect(f.duration(690)).toContain('Minuten')
    expect(f.duration(690)).toContain('Sekunden')
    expect(f.number(12345.5)).toBe(new Intl.NumberFormat('de').format(12345.5))
    expect(f.number(1.5)).toBe('1,5')
  })

  it("writes Arabic in the locale's own digits, keeping the clock's shape", () => {
    const f = localeFormat('ar')
    const d = digitsOf('ar')
    expect(f.clock(4374)).toBe(`${d[1]}:${d[1]}${d[2]}:${d[5]}${d[4]}`)
    expect(f.clock(690)).toBe(`${d[1]}${d[1]}:${d[3]}${d[0]}`)
    expect(f.rate(2)).toBe(`${d[2]}×`)
    expect(f.percent(50)).toBe(new Intl.NumberFormat('ar', { style: 'percent' }).format(0.5))
    // Arabic-Indic digits where this ICU gives them for `ar`: then no ASCII digit is left in a clock.
    if (d[1] !== '1') expect(f.clock(4374)).not.toMatch(/[0-9]/)
  })

  it('keeps one formatter per tag and treats an ill-formed tag as English', () => {
    expect(localeFormat('de')).toBe(localeFormat('de'))
    const bad = localeFormat('not a tag!')
    expect(bad.tag).toBe('en')
    expect(bad.rate(1.5)).toBe('1.5×')
  })
})

describe('the texts dom writes, in a locale', () => {
  it('writes the ad break row, the slider value, the tooltip, a picker choice and the media error in German', async () => {
    const { adBreakLabel } = await import('../src/ad-breaks.js')
    const { seekValueText } = await import('../src/waveform-view.js')
    const { tipLabel } = await import('../src/waveform-marks.js')
    const { choiceLabel } = await import('../src/languages.js')
    const { mediaErrorMessage } = await import('../src/labels.js')
    const german = resolveLocale(de)
    expect(adBreakLabel({ duration: 60 }, german)).toBe('Werbepause · 1:00')
    expect(adBreakLabel({ duration: 60 })).toBe('Ad break · 1:00')
    expect(seekValueText(690, 4374, german)).toBe(
      `${german.format.duration(690)} von ${german.format.duration(4374)}`,
    )
    expect(seekValueText(690, 4374, german)).toMatch(/^11 Minuten.* von .*Stunde.*54 Sekunden$/)
    expect(tipLabel(5, [{ start: 0, title: 'Intro' }] as never, german)).toBe('0:05 · Intro')
    expect(choiceLabel({ transcript: null } as never, 1, german)).toBe('Transkript 2')
    expect(mediaErrorMessage({ code: 2, message: '' }, german.labels)).toContain('Netzwerkfehler')
    expect(mediaErrorMessage({ code: 9, message: '' })).toBe('The audio failed (code 9).')
  })

  it("writes the slider value in Arabic's words and digits", async () => {
    const { seekValueText } = await import('../src/waveform-view.js')
    const arabic = resolveLocale(ar)
    expect(seekValueText(690, 4374, arabic)).toBe(
      `${arabic.format.duration(690)} من ${arabic.format.duration(4374)}`,
    )
  })
})
