import { CastlineProvider, type TranscriptInput } from '@castline/react'
import type { ReactNode } from 'react'
import { EXCERPT_AUDIO, EXCERPT_DURATION, EXCERPT_TEXT } from './sample.js'

/** A provider with its own hidden `<audio>` for `src`; deep links off, so a story's URL never seeks. */
export function WithAudio(props: {
  src: string
  transcript: TranscriptInput
  duration: number
  children: ReactNode
}): ReactNode {
  return (
    <CastlineProvider
      src={props.src}
      transcript={props.transcript}
      duration={props.duration}
      deepLink={false}
    >
      {props.children}
    </CastlineProvider>
  )
}

/** The excerpt's audio and transcript around a story's parts. */
export function WithExcerpt({ children }: { children: ReactNode }): ReactNode {
  return (
    <WithAudio src={EXCERPT_AUDIO} transcript={EXCERPT_TEXT} duration={EXCERPT_DURATION}>
      {children}
    </WithAudio>
  )
}
