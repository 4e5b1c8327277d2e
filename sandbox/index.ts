// The sandbox platform: the Messaging API of PLATFORM.md over real HTTP, for the app's
// embedded default, for end-to-end tests, and to run alone (`npm run sandbox`).
export { startSandbox } from './src/app'
export type { RunningSandbox, SandboxOptions } from './src/app'
