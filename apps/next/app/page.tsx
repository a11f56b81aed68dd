import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
// A server page renders the player directly: @castline/react's entries are client modules ('use client'),
// so no client wrapper of the site's own is needed.
import { TranscriptPlayer } from '@castline/react/player'
import '@castline/react/styles.css'

/** The sample episode's folder under public/ (a link to apps/demo/public/episodes): audio, transcript, peaks. */
const FOLDER = '/episodes/talk-python-514/'

/** The parts of the sample's episode.json this page uses. */
interface EpisodeJson {
  title: string
  show: string
  number: number
  audio: string
  transcript: string
  peaks: string
  duration: number
}

/** A file of the sample episode, read on the server (at build time: the page is static). */
function episodeFile(name: string): Promise<string> {
  return readFile(join(process.cwd(), 'public', FOLDER, name), 'utf8')
}

/**
 * The sample episode in the whole player. The transcript's text is read here and handed to the player,
 * which renders every line in the server's HTML (`renderAllOnServer`: search engines and readers without
 * JavaScript get the whole transcript) and virtualizes the list once hydrated; the audio and peaks are
 * fetched by the browser.
 */
export default async function Page() {
  const episode = JSON.parse(await episodeFile('episode.json')) as EpisodeJson
  const transcript = await episodeFile(episode.transcript)
  return (
    <main>
      <h1>
        {episode.show} · Episode {episode.number}
      </h1>
      <TranscriptPlayer
        src={FOLDER + episode.audio}
        transcript={transcript}
        peaks={FOLDER + episode.peaks}
        duration={episode.duration}
        title={episode.title}
        renderAllOnServer
      />
    </main>
  )
}
