#!/usr/bin/env node
/**
 * The `castline` command: `castline convert <file|-> --to vtt|srt|json|html|text [-o out]` and
 * `castline inspect <file|->`. Errors go to stderr with the line number, and the exit code is non-zero.
 * Input is read as bytes and decoded by `decodeTranscript` (byte order mark, `--charset`, UTF-8, else
 * Windows-1252 with a warning).
 */
import { readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import { decodeTranscript } from './decode.js'
import { TranscriptParseError } from './errors.js'
import { TRANSCRIPT_FORMATS, type Transcript, type TranscriptFormat } from './model.js'
import { formatTranscript, parseTranscript } from './parse.js'
import { formatTimestamp } from './time.js'

const USAGE = `Usage:
  castline convert <file|-> --to vtt|srt|json|html|text [--from FORMAT] [--duration SECONDS] [--charset LABEL] [-o FILE]
  castline inspect <file|-> [--from FORMAT] [--duration SECONDS] [--charset LABEL] [--json]

Reads any transcript format Castline knows (detected from the content unless --from is given), in
UTF-8 or UTF-16 (with or without a byte order mark), or in the encoding --charset names (windows-1252,
latin1, shift_jis...); a file that is not valid UTF-8 is read as Windows-1252, with a warning.`

/** Thrown for a wrong command line; printed with the usage text. */
class UsageError extends Error {}

interface Args {
  command: string
  input: string
  to?: TranscriptFormat
  from?: TranscriptFormat
  duration?: number
  /** The input's encoding label, for `decodeTranscript`. */
  charset?: string
  output?: string
  json: boolean
}

function asFormat(value: string | undefined, flag: string): TranscriptFormat {
  if (value === undefined || !(TRANSCRIPT_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(
      `${flag} takes one of ${TRANSCRIPT_FORMATS.join(', ')}${value ? `, not "${value}"` : ''}`,
    )
  }
  return value as TranscriptFormat
}

/** The label itself when TextDecoder knows it (it throws a RangeError for one it does not). */
function asCharset(label: string): string {
  try {
    new TextDecoder(label)
  } catch {
    throw new UsageError(`--charset takes an encoding label such as windows-1252 or utf-16le, not "${label}"`)
  }
  return label
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help') throw new UsageError('')
  if (command !== 'convert' && command !== 'inspect') throw new UsageError(`Unknown command "${command}"`)
  const args: Args = { command, input: '', json: false }
  const positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!
    const value = () => {
      const v = rest[++i]
      if (v === undefined) throw new UsageError(`${a} needs a value`)
      return v
    }
    if (a === '--to') args.to = asFormat(value(), '--to')
    else if (a === '--from') args.from = asFormat(value(), '--from')
    else if (a === '--charset') args.charset = asCharset(value())
    else if (a === '-o' || a === '--output') args.output = value()
    else if (a === '--json') args.json = true
    else if (a === '--duration') {
      const d = Number(value())
      if (!Number.isFinite(d) || d < 0) throw new UsageError('--duration takes a number of seconds')
      args.duration = d
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}`)
    else positional.push(a)
  }
  if (positional.length !== 1) throw new UsageError('Give exactly one input file, or - for standard input')
  args.input = positional[0]!
  if (command === 'convert' && args.to === undefined) throw new UsageError('convert needs --to FORMAT')
  return args
}

/**
 * Reads the input (a file, or standard input for "-") as bytes, decodes it and parses it. The decoding
 * warnings come first in the transcript's warnings, so that they are printed with the others.
 */
function read(args: Args): { transcript: Transcript; encoding: string } {
  const bytes = readFileSync(args.input === '-' ? 0 : args.input)
  const decoded = decodeTranscript(bytes, args.charset === undefined ? {} : { charset: args.charset })
  const transcript = parseTranscript(decoded.text, {
    ...(args.from === undefined ? {} : { format: args.from }),
    ...(args.duration === undefined ? {} : { duration: args.duration }),
    ...(args.input === '-' ? {} : { fileName: basename(args.input) }),
  })
  transcript.warnings.unshift(...decoded.warnings)
  return { transcript, encoding: decoded.encoding }
}

function summary(t: Transcript, encoding: string) {
  const last = t.cues[t.cues.length - 1]
  return {
    format: t.format,
    encoding,
    cues: t.cues.length,
    duration: t.duration ?? (last === undefined ? 0 : last.end),
    speakers: t.speakers,
    wordLevel: t.wordLevel,
    words: t.cues.reduce((n, c) => n + (c.words?.length ?? 0), 0),
    warnings: t.warnings,
  }
}

/** Runs the command line; returns the exit code. Output and errors go to the given writers. */
export function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  let args: Args
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    if (e.message) err(`castline: ${e.message}\n\n`)
    err(`${USAGE}\n`)
    return e.message ? 2 : 0
  }
  try {
    const { transcript: t, encoding } = read(args)
    // A warning about the whole file (line 0, such as a count of repairs) names the file alone.
    for (const w of t.warnings) {
      const where = w.line > 0 ? `${args.input}:${w.line}` : args.input
      err(`${where}: warning: ${w.message} [${w.code}]\n`)
    }
    if (args.command === 'convert') {
      const text = formatTranscript(t, args.to!)
      if (args.output === undefined) out(text)
      else writeFileSync(args.output, text)
      return 0
    }
    const s = summary(t, encoding)
    if (args.json) {
      out(`${JSON.stringify(s, null, 2)}\n`)
      return 0
    }
    out(
      `${[
        `format:     ${s.format}`,
        `encoding:   ${s.encoding}`,
        `cues:       ${s.cues}`,
        `duration:   ${formatTimestamp(s.duration, 'clock')} (${s.duration.toFixed(3)} s)`,
        `speakers:   ${s.speakers.length === 0 ? '(none)' : s.speakers.join(', ')}`,
        `word-level: ${s.wordLevel ? `yes (${s.words} words)` : 'no'}`,
        `warnings:   ${s.warnings.length}`,
      ].join('\n')}\n`,
    )
    return 0
  } catch (e) {
    if (e instanceof TranscriptParseError) {
      err(`castline: ${args.input === '-' ? '<stdin>' : args.input}:${e.line}: ${e.message}\n`)
      return 1
    }
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      err(`castline: cannot read ${args.input}: ${(e as Error).message}\n`)
      return 1
    }
    throw e
  }
}

// Run when executed as a program (not when imported by tests).
function isMain(): boolean {
  const invoked = process.argv[1]
  if (invoked === undefined) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(invoked)).href
  } catch {
    return false
  }
}
if (isMain()) process.exitCode = main(process.argv.slice(2))
