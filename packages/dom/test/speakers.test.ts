/**
 * Who is speaking: labels resolved to persons (through core's matchSpeakers) and the `speakers` map,
 * colours by person, initials, the `speakers` JSON, and the palette's WCAG contrast in both themes.
 */
import type { Person } from '@castline/core/feed'
import { describe, expect, test } from 'vitest'
import {
  distinctSpeakers,
  markAvatarBroken,
  parseSpeakerMap,
  resolveSpeakers,
  SPEAKER_COLORS,
  SPEAKER_PALETTE,
  speakerAvatar,
  speakerInitials,
} from '../src/speakers.js'

const michael: Person = {
  name: 'Michael Kennedy',
  role: 'host',
  group: 'cast',
  img: 'https://example.com/michael.svg',
}
const jose: Person = { name: 'José García', role: 'guest', group: 'cast' }

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)]
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
}

/** `a` laid over `b` at `alpha` (the hover row: the active background at 50% over the row's). */
function mix(a: string, b: string, alpha: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(i, i + 2), 16)
  return `#${[1, 3, 5]
    .map((i) =>
      Math.round(channel(a, i) * alpha + channel(b, i) * (1 - alpha))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

/** The HSL hue of `#rrggbb`, in degrees. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ]
  const max = Math.max(r, g, b)
  const d = max - Math.min(r, g, b)
  if (d === 0) return 0
  const sector = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4
  return (sector * 60 + 360) % 360
}

// The theme's defaults (react's theme.css, the element's styles.ts): the row background and the active
// line's, light and dark.
const THEME_BACKGROUNDS = {
  light: { bg: '#ffffff', active: '#eaf0fd' },
  dark: { bg: '#16171b', active: '#23304d' },
} as const

describe('speaker palette', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`every ${theme} colour has a contrast of at least 4.5:1 with the rows, the hovered and the active line`, () => {
      const { bg, active } = THEME_BACKGROUNDS[theme]
      const backgrounds = [bg, active, mix(active, bg, 0.5)]
      const palette = SPEAKER_PALETTE[theme]
      expect(palette).toHaveLength(SPEAKER_COLORS)
      for (const color of palette) {
        expect(color).toMatch(/^#[0-9a-f]{6}$/)
        for (const background of backgrounds) {
          const ratio = contrast(color, background)
          expect(ratio, `${color} on ${background}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5)
        }
      }
    })

    test(`the ${theme} colours are distinct from each other`, () => {
      const palette = SPEAKER_PALETTE[theme]
      expect(new Set(palette).size).toBe(palette.length)
      // Told apart at a glance: every two hues are at least 20 degrees apart on the colour wheel.
      const hues = palette.map(hue)
      for (let i = 0; i < hues.length; i++) {
        for (let j = i + 1; j < hues.length; j++) {
          const d = Math.abs(hues[i]! - hues[j]!)
          expect(Math.min(d, 360 - d), `${palette[i]} and ${palette[j]}`).toBeGreaterThanOrEqual(20)
        }
      }
    })
  }

  test('the measures are the usual ones (black on white is 21:1, white on white 1:1; red, green, blue hues)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#ffffff', '#ffffff')).toBe(1)
    expect(['#ff0000', '#00ff00', '#0000ff'].map(hue)).toEqual([0, 120, 240])
  })
})

describe('resolveSpeakers', () => {
  test('matches persons by name ignoring case and accents, and keeps their role and picture', () => {
    const map = resolveSpeakers(['michael kennedy', 'JOSE GARCIA', 'Ada'], { persons: [michael, jose] })
    expect(map.get('michael kennedy')).toEqual({
      label: 'michael kennedy',
      name: 'Michael Kennedy',
      person: michael,
      role: 'host',
      img: michael.img,
      color: 0,
      initials: 'MK',
    })
    expect(map.get('JOSE GARCIA')).toMatchObject({ name: 'José García', role: 'guest', color: 1 })
    expect(map.get('JOSE GARCIA')).not.toHaveProperty('img')
    expect(map.get('Ada')).toEqual({ label: 'Ada', name: 'Ada', person: null, color: 2, initials: 'A' })
  })

  test('the speakers map names SPEAKER_N labels: a person by name, or a name to show', () => {
    const map = resolveSpeakers(['SPEAKER_1', 'SPEAKER_2', 'SPEAKER_3'], {
      persons: [michael],
      speakers: { SPEAKER_1: 'michael kennedy', SPEAKER_2: 'Grace Hopper' },
    })
    expect(map.get('SPEAKER_1')).toMatchObject({ name: 'Michael Kennedy', person: michael, role: 'host' })
    expect(map.get('SPEAKER_2')).toMatchObject({ name: 'Grace Hopper', person: null, initials: 'GH' })
    expect(map.get('SPEAKER_2')).not.toHaveProperty('role')
    expect(map.get('SPEAKER_3')).toMatchObject({ name: 'SPEAKER_3', person: null })
  })

  test('two labels of one person share a colour; more speakers than colours reuse them in turn', () => {
    const same = resolveSpeakers(['SPEAKER_1', 'Michael Kennedy', 'Other'], {
      persons: [michael],
      speakers: { SPEAKER_1: 'Michael Kennedy' },
    })
    expect(same.get('SPEAKER_1')!.color).toBe(0)
    expect(same.get('Michael Kennedy')!.color).toBe(0)
    expect(same.get('Other')!.color).toBe(1)
    const labels = Array.from({ length: SPEAKER_COLORS + 2 }, (_, i) => `S${i}`)
    const many = resolveSpeakers(labels)
    expect(labels.map((l) => many.get(l)!.color)).toEqual(labels.map((_, i) => i % SPEAKER_COLORS))
  })

  test('persons without a usable name are left out instead of failing the match', () => {
    const bad = [{ role: 'host' }, null, { name: 42 }] as unknown as Person[]
    const map = resolveSpeakers(['Michael Kennedy'], { persons: [...bad, michael] })
    expect(map.get('Michael Kennedy')!.person).toBe(michael)
  })
})

describe('distinctSpeakers', () => {
  test('one entry a person or name, in order of first appearance, the first label kept', () => {
    const map = resolveSpeakers(['SPEAKER_1', 'Ada', 'Michael Kennedy', 'SPEAKER_2', 'ada'], {
      persons: [michael],
      speakers: { SPEAKER_1: 'Michael Kennedy', SPEAKER_2: 'Ada' },
    })
    expect(distinctSpeakers(map).map((s) => [s.label, s.name])).toEqual([
      ['SPEAKER_1', 'Michael Kennedy'],
      ['Ada', 'Ada'],
      ['ada', 'ada'],
    ])
    expect(distinctSpeakers(new Map())).toEqual([])
  })
})

describe('speakerAvatar', () => {
  test('the picture until it fails to load, then the initials; nothing for a speaker without a person', () => {
    const person = { ...michael, img: 'https://example.com/fails.svg' }
    const map = resolveSpeakers(['Michael Kennedy', 'José García', 'Ada'], { persons: [person, jose] })
    expect(speakerAvatar(map.get('Michael Kennedy')!)).toEqual({ img: 'https://example.com/fails.svg' })
    markAvatarBroken('https://example.com/fails.svg')
    expect(speakerAvatar(map.get('Michael Kennedy')!)).toEqual({ initials: 'MK' })
    expect(speakerAvatar(map.get('José García')!)).toEqual({ initials: 'JG' })
    expect(speakerAvatar(map.get('Ada')!)).toBeNull()
  })
})

describe('speakerInitials', () => {
  test('first and last word, upper-cased, whole code points', () => {
    expect(speakerInitials('Ada Lovelace')).toBe('AL')
    expect(speakerInitials('  grace   brewster murray hopper ')).toBe('GH')
    expect(speakerInitials('émile')).toBe('É')
    expect(speakerInitials('𝒜da B')).toBe('𝒜B')
    expect(speakerInitials('')).toBe('?')
  })
})

describe('parseSpeakerMap', () => {
  test('reads an object of names', () => {
    expect(parseSpeakerMap('{"SPEAKER_1":"Ada","SPEAKER_2":"Grace"}')).toEqual({
      SPEAKER_1: 'Ada',
      SPEAKER_2: 'Grace',
    })
  })

  test('bad JSON, a non-object or a non-string name is a TypeError that says so', () => {
    expect(() => parseSpeakerMap('{SPEAKER_1: Ada}')).toThrow(/speakers is not valid JSON/)
    expect(() => parseSpeakerMap('["Ada"]')).toThrow(/must be a JSON object/)
    expect(() => parseSpeakerMap('null')).toThrow(TypeError)
    expect(() => parseSpeakerMap('{"SPEAKER_1": 3}')).toThrow(/"SPEAKER_1" must be a string/)
  })
})
