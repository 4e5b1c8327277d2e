export * from './stage'
