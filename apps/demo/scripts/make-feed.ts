/**
 * Makes the sample episode's podcast feed and the files it links that are derived from the transcript:
 *
 * - `transcript.json`: a Podcasting 2.0 JSON transcript of `transcript.txt` (the player's lines, ends
 *   inferred), each line labelled `SPEAKER_1` or `SPEAKER_2` by the rule in `assignSpeakers`;
 * - `transcript.srt`: the same lines as SRT (the feed's second transcript, and the fallback when the JSON
 *   one fails);
 * - `feed.xml`: an RSS 2.0 feed with the iTunes and Podcasting 2.0 namespaces and one item: the enclosure
 *   (episode.mp3 with its byte length), duration, artwork, both transcripts, chapters.json, the host and
 *   guest as `podcast:person`s (avatars in `people/`) and two soundbites. Its URLs are relative: a
 *   reader resolves them against the feed's own URL.
 *
 *   pnpm --filter @castline/demo exec tsx scripts/make-feed.ts
 *
 * The artwork (`artwork.svg`) and avatars (`people/*.svg`) are drawn by hand and committed beside it.
 */
import { statSync, writeFileSync } from 'node:fs'
import { formatTranscript, parseTranscript } from '../../../packages/core/src/entry/formats.js'
import type { Cue, Transcript } from '../../../packages/core/src/index.js'
import { episodePath, FULL, readTranscript } from './lib/episode.js'

/** The episode's length in seconds (episode.json's `duration`, the MP3's length). */
const DURATION = 4374.406

/**
 * The recording's speaker turns are not published, so lines get a label by a simple rule: the host
 * (`SPEAKER_1`) speaks the opening lines up to the show's introduction ("This is Talk Python To Me");
 * after that, a line ending in a question mark is the host's, and the lines after a question are the
 * guest's (`SPEAKER_2`) until the next question. It is a stand-in to show speaker labels, not a record of
 * who said what.
 */
export function assignSpeakers(cues: readonly Cue[]): Cue[] {
  const intro = cues.findIndex((c) => c.text.startsWith('This is Talk Python To Me'))
  return cues.map((cue, i) => {
    const host = i <= intro || cue.text.trimEnd().endsWith('?')
    return { ...cue, speaker: host ? 'SPEAKER_1' : 'SPEAKER_2' }
  })
}

/** Characters XML text and attribute values must escape. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** `4374.406` -> `01:12:54` (itunes:duration, whole seconds). */
function clock(seconds: number): string {
  const s = Math.round(seconds)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`
}

const parsed = parseTranscript(readTranscript(episodePath(FULL.transcript)), {
  format: 'text',
  duration: DURATION,
})
const labelled: Transcript = {
  ...parsed,
  cues: assignSpeakers(parsed.cues),
  speakers: ['SPEAKER_1', 'SPEAKER_2'],
}
writeFileSync(episodePath('transcript.json'), `${formatTranscript(labelled, 'json')}\n`)
writeFileSync(episodePath('transcript.srt'), formatTranscript(labelled, 'srt'))

const GUID = 'talkpython-514-python-language-summit-2025'
const description =
  'Every year the core developers of Python meet in person, behind closed doors, to focus on high-priority topics for CPython and beyond. This year they met at PyCon US 2025, and Seth Michael Larson was in the room to write up each topic and the reactions to it. (The audio in this demo is synthesised from the published transcript.)'

const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Talk Python To Me</title>
    <link>https://talkpython.fm/</link>
    <language>en-us</language>
    <description>${xml('A podcast on Python and related technologies. (A sample feed for the Castline demo.)')}</description>
    <itunes:author>Michael Kennedy</itunes:author>
    <itunes:image href="artwork.svg"/>
    <podcast:person role="host" img="people/michael-kennedy.svg" href="https://talkpython.fm/">Michael Kennedy</podcast:person>
    <item>
      <title>Python Language Summit 2025</title>
      <guid isPermaLink="false">${GUID}</guid>
      <pubDate>Mon, 07 Jul 2025 08:00:00 GMT</pubDate>
      <description>${xml(description)}</description>
      <enclosure url="episode.mp3" type="audio/mpeg" length="${statSync(episodePath(FULL.audio)).size}"/>
      <itunes:duration>${clock(DURATION)}</itunes:duration>
      <itunes:episode>514</itunes:episode>
      <itunes:image href="artwork.svg"/>
      <podcast:transcript url="transcript.json" type="application/json" language="en"/>
      <podcast:transcript url="transcript.srt" type="application/x-subrip" language="en"/>
      <podcast:chapters url="chapters.json" type="application/json+chapters"/>
      <podcast:person role="host" img="people/michael-kennedy.svg" href="https://talkpython.fm/">Michael Kennedy</podcast:person>
      <podcast:person role="guest" img="people/seth-michael-larson.svg" href="https://sethmlarson.dev/">Seth Michael Larson</podcast:person>
      <podcast:soundbite startTime="594" duration="14">Free-threading was a big part of the Language Summit</podcast:soundbite>
      <podcast:soundbite startTime="2385" duration="21">The state of free-threaded Python</podcast:soundbite>
    </item>
  </channel>
</rss>
`
writeFileSync(episodePath('feed.xml'), feed)
console.log(`wrote feed.xml, transcript.json and transcript.srt (${labelled.cues.length} lines)`)
