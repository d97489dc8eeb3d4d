/** Kysely types of the circulars tables (filled in by the circulars module together with its migration). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CircularTables {}
