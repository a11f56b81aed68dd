// The real audio of the browser tests lives with the media code it was made for.
export { type AudioFixture, makeAudioFixture } from '../../dom/test/audio-fixture.js'
