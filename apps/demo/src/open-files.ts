import { TranscriptParseError } from '@castline/core'
import { decodeTranscript, parseTranscript } from '@castline/core/formats'
import type { Peaks } from '@castline/core/peaks'
import { probeDuration } from './audio-duration.js'
import type { Episode } from './episode.js'
import { computePeaks, flatPeaks, MAX_DECODE_SECONDS, noWaveformNotice, readPeaksFile } from './peaks.js'

/** The files the user picked or dropped, one of each kind. */
export interface ChosenFiles {
  audio: File | null
  transcript: File | null
  peaks: File | null
}

const AUDIO_EXTENSIONS = ['mp3', 'm4a', 'mp4', 'aac', 'ogg', 'oga', 'opus', 'wav', 'flac', 'webm', 'weba']
const TRANSCRIPT_EXTENSIONS = ['txt', 'vtt', 'srt', 'json', 'html', 'htm']

function extension(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
}

/** Accept lists for the file inputs. */
export const AUDIO_ACCEPT = `audio/*,${AUDIO_EXTENSIONS.map((e) => `.${e}`).join(',')}`
export const TRANSCRIPT_ACCEPT = TRANSCRIPT_EXTENSIONS.map((e) => `.${e}`).join(',')
export const PEAKS_ACCEPT = '.json,.dat'

/**
 * Which slot a dropped file fills. A `.json` file may be a transcript (podcast namespace JSON) or
 * audiowaveform peaks: its first bytes tell (peaks JSON has `samples_per_pixel`).
 */
export async function classifyFile(file: File): Promise<keyof ChosenFiles | null> {
  const ext = extension(file.name)
  if (file.type.startsWith('audio/') || file.type.startsWith('video/') || AUDIO_EXTENSIONS.includes(ext)) {
    return 'audio'
  }
  if (ext === 'dat') return 'peaks'
  if (ext === 'json') {
    const head = await file.slice(0, 4096).text()
    return head.includes('"samples_per_pixel"') ? 'peaks' : 'transcript'
  }
  if (TRANSCRIPT_EXTENSIONS.includes(ext) || file.type.startsWith('text/')) return 'transcript'
  return null
}

/** A file the browser cannot play, or a transcript core cannot read: the message says which and why. */
export class OpenError extends Error {
  override name = 'OpenError'
}

/**
 * Turns the chosen files into an episode: the audio as a blob: URL, the transcript decoded from its bytes
 * and parsed by core (with the file name as a format hint; a guessed encoding is a notice), the peaks
 * read from a peaks file, computed in the browser for short audio, or left out with a notice for long
 * audio. `onProgress` tells the page what is happening.
 */
export async function openFiles(
  files: ChosenFiles & { audio: File; transcript: File },
  onProgress: (message: string) => void,
): Promise<Episode> {
  const src = URL.createObjectURL(files.audio)
  try {
    const duration = await probeDuration(src).catch(() => {
      throw new OpenError(
        `This browser cannot play “${files.audio.name}” (it is damaged or in an unsupported format).`,
      )
    })
    // Bytes, not File.text(): that reads UTF-8 (Chromium also UTF-16 with a BOM), so a Windows-1252
    // transcript lost its accented letters to U+FFFD and a UTF-16 one without a BOM did not parse.
    const decoded = decodeTranscript(await files.transcript.arrayBuffer(), { charset: files.transcript.type })
    const options: Parameters<typeof parseTranscript>[1] = { fileName: files.transcript.name }
    if (files.transcript.type !== '') options.mimeType = files.transcript.type
    if (Number.isFinite(duration)) options.duration = duration
    let transcript: ReturnType<typeof parseTranscript>
    try {
      transcript = parseTranscript(decoded.text, options)
      transcript.warnings.unshift(...decoded.warnings)
    } catch (err) {
      if (err instanceof TranscriptParseError) {
        throw new OpenError(`“${files.transcript.name}” could not be read: ${err.message}`)
      }
      throw err
    }

    // How the transcript's bytes were read when that was guessed: the listener sees why letters may look wrong.
    const notices = decoded.warnings.map((w) => `Transcript “${files.transcript.name}”: ${w.message}.`)
    let peaks: Peaks | undefined
    if (files.peaks !== null) {
      try {
        peaks = await readPeaksFile(files.peaks)
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        notices.push(`The peaks file “${files.peaks.name}” could not be read (${reason}).`)
      }
    }
    if (peaks === undefined && Number.isFinite(duration) && duration <= MAX_DECODE_SECONDS) {
      onProgress('Computing the waveform in your browser…')
      try {
        peaks = await computePeaks(files.audio)
        notices.push('Waveform computed in your browser.')
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        notices.push(`The waveform could not be computed (${reason}); the audio plays without it.`)
        peaks = flatPeaks(duration)
      }
    } else if (peaks === undefined) {
      notices.push(noWaveformNotice(duration))
      peaks = flatPeaks(Number.isFinite(duration) ? duration : 1)
    }

    const episode: Episode = { origin: 'files', title: files.audio.name, src, transcript, notices }
    if (peaks !== undefined) episode.peaks = peaks
    if (Number.isFinite(duration)) episode.duration = duration
    episode.description = `Your own files: ${files.audio.name} with the transcript ${files.transcript.name} (${transcript.cues.length} lines, ${transcript.format}). Nothing leaves your browser.`
    return episode
  } catch (err) {
    URL.revokeObjectURL(src)
    throw err
  }
}
