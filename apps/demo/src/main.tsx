import '@castline/react/styles.css'
import './styles.css'
import { installWaveformTrustedTypes } from '@castline/react/waveform'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, type DemoPage } from './App.js'

// Before anything renders: on a page served with `require-trusted-types-for 'script'` the waveform
// library's own shadow-DOM markup needs a policy (see packages/react/src/trusted-types.ts).
installWaveformTrustedTypes()

const root = document.getElementById('root')
if (root === null) throw new Error('The demo page has no #root element.')
// index.html is the episode page; open.html (the same script) says `data-page="open"` on its root.
const page: DemoPage = root.dataset.page === 'open' ? 'open' : 'episode'
createRoot(root).render(
  <StrictMode>
    <App page={page} />
  </StrictMode>,
)
