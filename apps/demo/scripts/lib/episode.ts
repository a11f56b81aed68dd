/** The sample episode's files, and the transcript as both scripts read it. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
// The core's source, run by tsx: the scripts need no build of @castline/core first.
import { parseTranscript } from '../../../../packages/core/src/entry/formats.js'
import { type Cue, parseTimestamp } from '../../../../packages/core/src/index.js'

/** Folder the demo serves the sample episode from. */
export const EPISODE_DIR = fileURLToPath(new URL('../../public/episodes/talk-python-514/', import.meta.url))

/** The three files a variant of the episode is made of, relative to `EPISODE_DIR`. */
export interface EpisodeFiles {
  audio: string
  peaks: string
  transcript: string
}

/** The whole episode. */
export const FULL: EpisodeFiles = { audio: 'episode.mp3', peaks: 'peaks.json', transcript: 'transcript.txt' }

/** The short excerpt used by browser tests. */
export const EXCERPT: EpisodeFiles = {
  audio: 'excerpt.mp3',
  peaks: 'excerpt-peaks.json',
  transcript: 'excerpt.txt',
}

/** Absolute path of one of the episode's files. */
export function episodePath(name: string): string {
  return `${EPISODE_DIR}${name}`
}

/** Reads a transcript file as text, without the BOM question (core handles it). */
export function readTranscript(path: string): string {
  return readFileSync(path, 'utf8')
}

/** The cues of a timestamped-text transcript, as the player will see them. */
export function parseCues(source: string, duration?: number): Cue[] {
  return parseTranscript(source, duration === undefined ? { format: 'text' } : { format: 'text', duration })
    .cues
}

/**
 * The leading part of a timestamped-text source that holds its first `count` cues: the raw lines up to the
 * first one stamped at or after cue `count`'s start, so the excerpt is in the source's own format and
 * parses to exactly those cues.
 */
export function excerptSource(source: string, cues: readonly Cue[], count: number): string {
  const next = cues[count]
  if (next === undefined) return source
  const lines = source.split('\n')
  const kept: string[] = []
  for (const line of lines) {
    const trimmed = line.trim()
    if (trimmed !== '') {
      const space = trimmed.indexOf(' ')
      const stamp = parseTimestamp(space < 0 ? trimmed : trimmed.slice(0, space))
      if (stamp >= next.start) break
    }
    kept.push(line)
  }
  while (kept.length > 0 && (kept[kept.length - 1] as string).trim() === '') kept.pop()
  return `${kept.join('\n')}\n`
}
