export { migrate, migrationsDir } from './migrate.ts';
export { seedSampleCity, isSeeded } from './seed.ts';
