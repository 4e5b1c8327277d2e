// The inbox's read model and full-text search (issue 7): list order, filters and search run
// in a worker over the offline store; the page renders only the rows it shows.
export * from './client'
export * from './first-page'
export * from './list-model'
export * from './highlight'
export type { ListResult, IndexProgress, ReadModelStats } from './read-model'
