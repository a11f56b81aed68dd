/** MP3 in and out through ffmpeg: encoding the episode, decoding it back, asking ffprobe what it holds. */
import { fromBytes, SAMPLE_RATE, toBytes } from './pcm.js'
import { run } from './process.js'

/** How the episode is encoded. */
export interface Mp3Options {
  /** Constant bitrate in kbit/s: CBR keeps seeking exact in every browser (byte offset ∝ time). */
  bitrate: number
  /** ID3 title. */
  title: string
  /** ID3 artist. */
  artist: string
}

/**
 * Encodes mono PCM at `SAMPLE_RATE` to MP3 with libmp3lame. ffmpeg writes a Xing "Info" frame with the LAME
 * tag (encoder delay and end padding), so decoders that honour it (ffmpeg, and Chromium through ffmpeg) start at
 * PCM sample 0 instead of ~1,100 samples late, and the decoded length equals the PCM length.
 */
export async function encodeMp3(samples: Int16Array, path: string, options: Mp3Options): Promise<void> {
  await run(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 's16le', '-ar', String(SAMPLE_RATE), '-ac', '1', '-i', 'pipe:0'],
      ...[
        '-map_metadata',
        '-1',
        '-metadata',
        `title=${options.title}`,
        '-metadata',
        `artist=${options.artist}`,
      ],
      ...['-c:a', 'libmp3lame', '-b:a', `${options.bitrate}k`, '-ar', String(SAMPLE_RATE), '-ac', '1'],
      ...['-write_xing', '1', '-id3v2_version', '3', path],
    ],
    { input: toBytes(samples) },
  )
}

/** Writes mono PCM at `SAMPLE_RATE` as a WAV file. */
export async function writeWav(samples: Int16Array, path: string): Promise<void> {
  await run(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      's16le',
      '-ar',
      String(SAMPLE_RATE),
      '-ac',
      '1',
      '-i',
      'pipe:0',
      path,
    ],
    { input: toBytes(samples) },
  )
}

/** Decodes an audio file with ffmpeg to mono s16 at `SAMPLE_RATE` (ffmpeg applies the LAME tag's trims). */
export async function decodeToPcm(path: string): Promise<Int16Array> {
  const raw = await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-i', path],
    ...['-f', 's16le', '-acodec', 'pcm_s16le', '-ac', '1', '-ar', String(SAMPLE_RATE), 'pipe:1'],
  ])
  return fromBytes(raw)
}

/** What ffprobe reports about a file. */
export interface ProbeResult {
  /** Container duration in seconds. */
  duration: number
  sizeBytes: number
  bitRate: number
  sampleRate: number
  channels: number
  codec: string
}

/** Asks ffprobe for a file's duration, size and stream parameters. */
export async function probe(path: string): Promise<ProbeResult> {
  const out = await run('ffprobe', [
    ...['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
  ])
  const info = JSON.parse(out.toString()) as {
    format: { duration: string; size: string; bit_rate: string }
    streams: Array<{ codec_name: string; sample_rate: string; channels: number }>
  }
  const stream = info.streams[0]
  if (stream === undefined) throw new Error(`${path}: no audio stream`)
  return {
    duration: Number(info.format.duration),
    sizeBytes: Number(info.format.size),
    bitRate: Number(info.format.bit_rate),
    sampleRate: Number(stream.sample_rate),
    channels: stream.channels,
    codec: stream.codec_name,
  }
}
