/** Every table of every service, for drizzle-kit and for typed relational queries. */
export * from './auth.sql';
export * from './hr.sql';
export * from './platform.sql';
export * from './schemas';
