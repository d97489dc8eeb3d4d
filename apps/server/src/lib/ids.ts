/** Row keys: UUIDv7, time-ordered, so inserts stay local in the primary-key index. */
import { v7 } from 'uuid';

export const newId = (): string => v7();
