// The CLI bundle's one entry (bin/bundle.js): the commands, and lading's public API, which app files
// import as 'lading' from the same bundle (one class of each construct for apps and synthesizer).
export { runCommand } from './run.js';
export * as index from '../index.js';
