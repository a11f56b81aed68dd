/** Transcript languages: each language's own name, its direction, the kept choice, the first choice shown. */
import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  choiceLabel,
  initialChoice,
  LANGUAGE_STORAGE_KEY,
  languageName,
  storedLanguage,
  storeLanguage,
  textDirection,
} from '../src/index.js'

afterEach(() => {
  localStorage.clear()
  vi.restoreAllMocks()
})

describe('languageName and choiceLabel', () => {
  test("each language's own name; the tag itself when it is not a language", () => {
    expect(languageName('de')).toBe('Deutsch')
    expect(languageName('ar')).toBe('العربية')
    expect(languageName('en')).toBe('English')
    expect(languageName('not a tag!')).toBe('not a tag!')
  })

  test('a label wins; without a language, "Transcript n"', () => {
    expect(choiceLabel({ language: 'de', label: 'German (edited)' }, 0)).toBe('German (edited)')
    expect(choiceLabel({ language: 'de' }, 0)).toBe('Deutsch')
    expect(choiceLabel({ src: '/t.vtt' }, 2)).toBe('Transcript 3')
  })
})

describe('textDirection', () => {
  test.each([
    ['ar', 'rtl'],
    ['he', 'rtl'],
    ['fa-IR', 'rtl'],
    ['ur', 'rtl'],
    ['de', 'ltr'],
    ['en-US', 'ltr'],
    [undefined, 'ltr'],
    ['', 'ltr'],
  ] as const)('%s is %s', (tag, direction) => {
    expect(textDirection(tag)).toBe(direction)
  })

  test('an ill-formed tag falls back to the list', () => {
    expect(textDirection('ar_EG')).toBe('rtl')
    expect(textDirection('x y')).toBe('ltr')
  })
})

describe('the kept choice', () => {
  test('stored under LANGUAGE_STORAGE_KEY and read back', () => {
    expect(storedLanguage()).toBeNull()
    storeLanguage('ar')
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ar')
    expect(storedLanguage()).toBe('ar')
  })

  test('a storage that throws is ignored, reading and writing', () => {
    const broken = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError')
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    expect(storedLanguage(broken)).toBeNull()
    expect(() => storeLanguage('de', broken)).not.toThrow()
  })

  test('initialChoice: the kept language, else the preferred ones (primary subtag too), else the first', () => {
    const choices = [{ language: 'en' }, { language: 'de' }, { language: 'ar' }]
    expect(initialChoice(choices, 'ar')).toBe(2)
    expect(initialChoice(choices, 'de-AT')).toBe(1)
    expect(initialChoice(choices, 'fr', ['fr-CA', 'de'])).toBe(1)
    expect(initialChoice(choices, null, ['ja'])).toBe(0)
  })
})
