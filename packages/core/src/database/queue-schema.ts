/** pg-boss keeps its tables in their own schema (the outbox's queue; the embedded template creates it). */
export const QUEUE_SCHEMA = 'pgboss';
