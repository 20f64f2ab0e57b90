import { createTables } from './001-create-tables';
import { createAppendFunction } from './002-create-append-function';
import { createDeleteFunction } from './003-create-delete-function';
import { sealAppendedEvents } from './004-seal-appended-events';
import { createReadAllPageFunction } from './005-create-read-all-page-function';
import { type Migration } from './migration';

export { type Migration } from './migration';

/** In version order. Append new migrations; never edit or reorder shipped ones. */
export const MIGRATIONS: readonly Migration[] = [createTables, createAppendFunction, createDeleteFunction, sealAppendedEvents, createReadAllPageFunction];
