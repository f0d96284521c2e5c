export { createApp, type AppType } from './app.ts';
export { prepare, listen, type Running } from './bootstrap.ts';
export { loadSettings, type Settings } from './config.ts';
export { openDatabase, StartupError, type Database } from './db/open.ts';
