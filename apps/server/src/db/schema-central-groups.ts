/** Kysely types of the central-groups tables (filled in by the central-groups module together with its migration). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CentralGroupTables {}
