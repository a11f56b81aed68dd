/**
 * The stories' data: the demo's sample episode (Talk Python To Me #514, real transcript, synthesised
 * audio) served by Storybook from apps/demo/public/episodes, and transcripts generated in code where no
 * real one fits (10 hours, word-level JSON, speakers, right-to-left and CJK text).
 */
import type { Cue, Transcript } from '@castline/core'
import type { Person } from '@castline/core/feed'
import { parseTranscript } from '@castline/core/formats'
import episodeJson from '../../apps/demo/public/episodes/talk-python-514/episode.json'
import excerptArabic from '../../apps/demo/public/episodes/talk-python-514/excerpt.ar.txt?raw'
import excerptGerman from '../../apps/demo/public/episodes/talk-python-514/excerpt.de.txt?raw'
import excerptText from '../../apps/demo/public/episodes/talk-python-514/excerpt.txt?raw'
import excerptPeaksJson from '../../apps/demo/public/episodes/talk-python-514/excerpt-peaks.json'
import episodeText from '../../apps/demo/public/episodes/talk-python-514/transcript.txt?raw'

/**
 * The URL of a file of the sample episode. Relative to the page in Storybook (which is built with
 * `base: './'`, so a static build works from any folder); from the server's root under Vitest, whose
 * test page lives in a subfolder of its own.
 */
export function sampleFile(name: string): string {
  return `${import.meta.env.BASE_URL}episodes/talk-python-514/${name}`
}

/** The episode's title and length, from the demo's episode.json. */
export const EPISODE = { title: episodeJson.title, duration: episodeJson.duration } as const

/** The excerpt's length in seconds, from its peaks (samples per point times points over the rate). */
export const EXCERPT_DURATION =
  (excerptPeaksJson.length * excerptPeaksJson.samples_per_pixel) / excerptPeaksJson.sample_rate

/** The first eight lines of the episode, as the excerpt's transcript file has them (timestamped text). */
export const EXCERPT_TEXT: string = excerptText

/** The excerpt in German and in Arabic (right to left): translations made for the demo (see SOURCE.md). */
export const EXCERPT_GERMAN: string = excerptGerman
export const EXCERPT_ARABIC: string = excerptArabic

/** The whole 72-minute transcript as published (timestamped text, 1,209 lines with blank ones). */
export const EPISODE_TEXT: string = episodeText

export const excerpt: Transcript = parseTranscript(EXCERPT_TEXT, { duration: EXCERPT_DURATION })
export const episode: Transcript = parseTranscript(EPISODE_TEXT, { duration: EPISODE.duration })

/** The excerpt's audio and peaks. */
export const EXCERPT_AUDIO = sampleFile('excerpt.mp3')
export const EXCERPT_PEAKS = sampleFile('excerpt-peaks.json')

const TOPICS = [
  'free-threaded builds',
  'the JIT compiler',
  'lazy imports',
  'the release cadence',
  'type annotations',
  'the packaging story',
  'subinterpreters',
  'memory safety',
]

/**
 * A 10-hour transcript of 100,000 generated lines (0.36 s each), three speakers taking turns every
 * few lines. Built once, when a story first asks for it.
 */
export function tenHourTranscript(): Transcript {
  const count = 100_000
  const seconds = 36_000 / count
  const speakers = ['Michael', 'Seth', 'Łukasz']
  const cues: Cue[] = []
  for (let i = 0; i < count; i++) {
    const start = i * seconds
    const topic = TOPICS[i % TOPICS.length]
    cues.push({
      start,
      end: start + seconds,
      text: `Line ${i + 1}: a few words about ${topic}, number ${Math.floor(i / TOPICS.length) + 1}.`,
      speaker: speakers[Math.floor(i / 4) % speakers.length]!,
    })
  }
  return { format: 'vtt', cues, warnings: [], speakers, wordLevel: false, duration: 36_000 }
}

/**
 * The excerpt as a Podcasting 2.0 word-level JSON file (a segment per word, as in the namespace's
 * example), each line's words spread over its time in proportion to their length, and each line's last
 * word ending in a line break (the format's paragraph mark).
 */
export function excerptWordLevelJson(): string {
  const segments: { startTime: number; endTime: number; body: string }[] = []
  for (const cue of excerpt.cues) {
    const words = cue.text.split(' ')
    // The line's audio ends well before the next line starts: speak its words in the first 90 %.
    const span = (cue.end - cue.start) * 0.9
    const letters = words.reduce((n, w) => n + w.length + 1, 0)
    let at = cue.start
    words.forEach((word, k) => {
      const length = (span * (word.length + 1)) / letters
      const round = (n: number) => Math.round(n * 1000) / 1000
      segments.push({
        startTime: round(at),
        endTime: round(at + length),
        body: k === words.length - 1 ? `${word}\n` : word,
      })
      at += length
    })
  }
  return JSON.stringify({ version: '1.0.0', segments }, null, 2)
}

/** The sample feed's people (feed.xml's `podcast:person`s, as `readFeed` reads them, pictures resolved). */
export const SAMPLE_PERSONS: readonly Person[] = [
  { name: 'Michael Kennedy', role: 'host', group: 'cast', img: sampleFile('people/michael-kennedy.svg') },
  {
    name: 'Seth Michael Larson',
    role: 'guest',
    group: 'cast',
    img: sampleFile('people/seth-michael-larson.svg'),
  },
]

/**
 * The excerpt as WebVTT with voices: the host reads the introduction, a second voice the line about the
 * guest (so that a speaker change shows). The names are set for the story; the text is the episode's.
 */
export function excerptWithSpeakers(): string {
  const voice = (i: number) => (i === 3 || i === 4 ? 'Seth Michael Larson' : 'Michael Kennedy')
  const time = (s: number) => new Date(s * 1000).toISOString().slice(11, 23)
  const cues = excerpt.cues.map(
    (cue, i) => `${time(cue.start)} --> ${time(cue.end)}\n<v ${voice(i)}>${cue.text}</v>`,
  )
  return `WEBVTT\n\n${cues.join('\n\n')}\n`
}

/** The same eight lines as the excerpt, in Arabic (right to left). */
export const ARABIC_LINES = [
  'كل عام، يجتمع المطورون الأساسيون للغة بايثون شخصيًا للتركيز على المواضيع ذات الأولوية.',
  'هذا العام، التقوا في مؤتمر PyCon US 2025.',
  'تلك الاجتماعات مغلقة لتبقى مركزة ومثمرة.',
  'لكننا محظوظون لأن سيث مايكل لارسون حضر وكتب عن كل موضوع.',
  'سنستكشف قمة اللغة لهذا العام مع سيث.',
  'إنها نظرة عميقة إلى المكان الذي تتجه إليه بايثون',
  'وإلى القضايا الملحة التي يوليها المطورون اهتمامهم.',
  'هذا برنامج Talk Python To Me، الحلقة 514.',
]

/** The same eight lines in Japanese (no spaces between words). */
export const JAPANESE_LINES = [
  '毎年、Pythonのコア開発者が集まり、CPythonの優先度の高いテーマについて話し合います。',
  '今年はPyCon US 2025で集まりました。',
  'その会議は集中して生産的に進めるため非公開です。',
  '幸いなことに、セス・マイケル・ラーソンが出席し、各テーマと反応を書き残してくれました。',
  '今年の言語サミットをセスと一緒に見ていきます。',
  'Pythonがどこへ向かっているのかがよくわかります。',
  'コア開発者が注目している重要な課題もわかります。',
  'Talk Python To Me、エピソード514です。',
]

/** Lines of other text at the excerpt's times, as timestamped text (the format the episode uses). */
export function linesAtExcerptTimes(lines: readonly string[]): string {
  return excerpt.cues
    .map((cue, i) => `${new Date(cue.start * 1000).toISOString().slice(11, 19)} ${lines[i] ?? ''}`)
    .join('\n\n')
}
