/** Kysely types of the compliance tables (filled in by the compliance module together with its migration). */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ComplianceTables {}
