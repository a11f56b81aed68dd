/**
 * Who is speaking: each speaker label of a transcript resolved to what the transcript shows at a speaker
 * change (name, role, avatar, colour), from the feed's `podcast:person`s and a `speakers` map for labels
 * that are no names (`SPEAKER_1`). Matching is core's `matchSpeakers` (case and accents ignored).
 */
import { matchSpeakers, type Person } from '@castline/core/feed'

/**
 * The speaker colours, `--castline-speaker-0` to `--castline-speaker-7`, in the light and the dark
 * theme. Each has a contrast of at least 4.5:1 (WCAG AA) with the transcript's rows and its active line
 * in its theme (test/speakers.test.ts computes it); a transcript with more speakers reuses them in turn.
 */
export const SPEAKER_PALETTE = {
  light: ['#1d5fc4', '#b3261e', '#1b7a36', '#7b3fc0', '#a14a00', '#00727c', '#a8327a', '#66660a'],
  dark: ['#8ab4ff', '#ff9c8f', '#7dd690', '#caa6ff', '#ffb066', '#5fd3d3', '#ff8fd0', '#d6d66b'],
} as const

/** How many speaker colours there are. */
export const SPEAKER_COLORS = SPEAKER_PALETTE.light.length

/** What a transcript shows of one speaker at each change of speaker. */
export interface SpeakerInfo {
  /** The label as the transcript has it (`cue.speaker`). */
  label: string
  /** The name shown: the matched person's, else the `speakers` map's, else the label. */
  name: string
  /** The person the label matched, or null. */
  person: Person | null
  /** The person's role (`host`, `guest`...), when a person matched. */
  role?: string
  /** The person's picture URL, when a person matched and has one. */
  img?: string
  /** Index in `SPEAKER_PALETTE` (`--castline-speaker-N`): one per person or name, in order of first appearance. */
  color: number
  /** Up to two initials of `name`, shown in place of a missing or broken picture. */
  initials: string
}

/** The options both renderers take, with these names. */
export interface SpeakerOptions {
  /** The episode's people (`podcast:person`, as `@castline/core/feed` reads them). */
  persons?: readonly Person[] | undefined
  /** Transcript labels (`SPEAKER_1`) mapped to a person's name or to a name to show. */
  speakers?: Readonly<Record<string, string>> | undefined
}

/** Up to two initials of `name` (first and last word), upper-cased: "Ada Lovelace" is "AL". */
export function speakerInitials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean)
  const first = words[0]
  if (first === undefined) return '?'
  const last = words.length > 1 ? words[words.length - 1]! : ''
  // By code point, so that a name starting with an emoji or an astral letter is not cut in half.
  return ([...first][0]! + ([...last][0] ?? '')).toUpperCase()
}

/**
 * Resolves every label of `labels` (a transcript's `speakers`, in order of first appearance). Persons
 * without a name are left out (they could match nothing). Two labels of one person share its colour.
 */
export function resolveSpeakers(
  labels: readonly string[],
  options: SpeakerOptions = {},
): ReadonlyMap<string, SpeakerInfo> {
  const persons = (options.persons ?? []).filter(
    (p): p is Person => typeof p === 'object' && p !== null && typeof p.name === 'string' && p.name !== '',
  )
  const aliases = options.speakers ?? {}
  const matched = matchSpeakers(labels, persons, aliases)
  const colors = new Map<unknown, number>()
  const out = new Map<string, SpeakerInfo>()
  for (const label of labels) {
    const person = matched.get(label) ?? null
    const alias = Object.hasOwn(aliases, label) ? aliases[label] : undefined
    const name = person?.name ?? (typeof alias === 'string' && alias.trim() !== '' ? alias : label)
    const identity = person ?? name
    let color = colors.get(identity)
    if (color === undefined) {
      color = colors.size % SPEAKER_COLORS
      colors.set(identity, color)
    }
    const info: SpeakerInfo = { label, name, person, color, initials: speakerInitials(name) }
    if (person !== null) {
      if (typeof person.role === 'string' && person.role !== '') info.role = person.role
      if (typeof person.img === 'string' && person.img !== '') info.img = person.img
    }
    out.set(label, info)
  }
  return out
}

/**
 * The episode's speakers once each, in order of first appearance (the panel layout's list): labels
 * resolved to one person, or to one name, are one speaker (the first label's info).
 */
export function distinctSpeakers(speakers: ReadonlyMap<string, SpeakerInfo>): SpeakerInfo[] {
  const seen = new Set<unknown>()
  const out: SpeakerInfo[] = []
  for (const info of speakers.values()) {
    const identity = info.person ?? info.name
    if (seen.has(identity)) continue
    seen.add(identity)
    out.push(info)
  }
  return out
}

/**
 * Reads a `speakers` map given as JSON (the element's `speakers` attribute): an object whose values are
 * strings. Anything else throws a `TypeError` that says what was wrong.
 */
export function parseSpeakerMap(json: string): Record<string, string> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    throw new TypeError(
      `speakers is not valid JSON (${error instanceof Error ? error.message : String(error)}); expected an object such as {"SPEAKER_1": "Ada Lovelace"}`,
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError('speakers must be a JSON object mapping transcript labels to names')
  const out: Record<string, string> = {}
  for (const [label, name] of Object.entries(value)) {
    if (typeof name !== 'string')
      throw new TypeError(`speakers: the name of "${label}" must be a string, not ${JSON.stringify(name)}`)
    out[label] = name
  }
  return out
}

/** Avatar URLs that failed to load: a row that scrolls back into view shows their initials at once. */
const brokenAvatars = new Set<string>()

/** Remembers that the picture at `url` did not load. */
export function markAvatarBroken(url: string): void {
  brokenAvatars.add(url)
}

/** What a speaker change shows before the name: a picture, initials, or nothing. */
export type SpeakerAvatar = { img: string } | { initials: string } | null

/**
 * The avatar of `speaker`: its picture while that has not failed to load, else the initials of a matched
 * person; nothing for a speaker no person matched (the name alone, as before persons were given).
 */
export function speakerAvatar(speaker: SpeakerInfo): SpeakerAvatar {
  if (speaker.img !== undefined && !brokenAvatars.has(speaker.img)) return { img: speaker.img }
  return speaker.person === null ? null : { initials: speaker.initials }
}
