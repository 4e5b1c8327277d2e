// The Messaging API model: types, runtime schemas and the never-throwing response parser.
export * from './primitives'
export * from './message'
export * from './conversation'
export * from './sending'
export * from './attachment'
export * from './queue'
export * from './search'
export * from './account'
export * from './auth'
export type {
  MalformedError,
  ParseError,
  ParseIssue,
  ParseResult,
  PlatformError,
  PlatformProblem,
  ResponseContext,
} from './parseResult'
export * from './envelope'
export * from './body'
export * from './endpoints'
