import '@castline/react/styles.css'
// The waveform, controls and player layout. The package does not yet export this file (nor does
// styles.css import it), which the demo's alias to the sources hides.
import '@castline/react/player.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'

const root = document.getElementById('root')
if (root === null) throw new Error('The demo page has no #root element.')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
