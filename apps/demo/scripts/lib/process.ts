/** Child processes for the episode scripts: run a tool, feed it stdin, collect its stdout. */
import { spawn } from 'node:child_process'

/** Options for `run`. */
export interface RunOptions {
  /** Bytes written to the tool's standard input (closed after). */
  input?: string | Uint8Array
}

/** Runs `command args`, resolves with its standard output; rejects with its stderr when it fails. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out))
      else reject(new Error(`${command} exited with ${code}: ${Buffer.concat(err).toString().trim()}`))
    })
    // A tool that exits early closes its stdin; the write error is reported by 'close' instead.
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}

/** Runs `first | second` without a shell (so no quoting of user text), resolving with second's stdout. */
export async function pipe(
  first: readonly [string, readonly string[]],
  second: readonly [string, readonly string[]],
  input: string,
): Promise<Buffer> {
  const a = spawn(first[0], first[1], { stdio: ['pipe', 'pipe', 'pipe'] })
  const b = spawn(second[0], second[1], { stdio: ['pipe', 'pipe', 'pipe'] })
  const out: Buffer[] = []
  const err: Buffer[] = []
  a.stdout.pipe(b.stdin)
  a.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  b.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  b.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  a.stdin.on('error', () => {})
  b.stdin.on('error', () => {})
  const exited = (child: typeof a) =>
    new Promise<number | null>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', resolve)
    })
  a.stdin.end(input)
  const [codeA, codeB] = await Promise.all([exited(a), exited(b)])
  if (codeA !== 0 || codeB !== 0) {
    const who = codeA !== 0 ? `${first[0]} exited with ${codeA}` : `${second[0]} exited with ${codeB}`
    throw new Error(`${who}: ${Buffer.concat(err).toString().trim()}`)
  }
  return Buffer.concat(out)
}

/** Maps `items` through `fn` with at most `limit` calls in flight, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
