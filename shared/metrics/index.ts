// Reply deadlines and the reply score (PLATFORM.md rules 2 and 9), pure.
export * from './outcomes'
export * from './deadlines'
export * from './score'
export * from './fromPlatform'
export * from './history'
export * from './forecast'
export * from './table'
