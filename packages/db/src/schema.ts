/** Every table of every service, for drizzle-kit and for typed relational queries. */
export * from './auth.sql';
export * from './hr.sql';
export * from './hr-attendance.sql';
export * from './hr-leave.sql';
export * from './hr-people.sql';
export * from './platform.sql';
export * from './schemas';
