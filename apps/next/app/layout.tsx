import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './page.css'

export const metadata: Metadata = {
  title: 'Castline on Next.js',
  description: 'A podcast episode with its synchronized transcript, rendered by a Next.js server page.',
}

/** The root layout: the document, in English, with the page's own styles (no web fonts: nothing is fetched at build time). */
export default function RootLayout({ children }: { children: ReactNode }): ReactNode {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
