import { z } from 'zod';
import { defineConfigSection, secret } from '../config/config-section';

export const databaseConfig = defineConfigSection('database', {
  /** postgres://user:password@host:5432/name; without it Mwana runs on the embedded engine. */
  url: secret(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .optional(),
  ),
  embedded: z
    .strictObject({
      /** Folder of the embedded database, relative to the country package; `memory` keeps nothing. */
      dataDir: z.string().min(1).default('.data/pglite'),
    })
    .prefault({}),
  /** Run pending migrations when the server starts. */
  migrationsRun: z.boolean().default(true),
  poolSize: z.number().int().min(1).max(200).default(10),
  logging: z.boolean().default(false),
});

export type DatabaseConfig = z.output<typeof databaseConfig.schema>;
