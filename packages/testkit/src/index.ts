// Helpers for integration tests: real servers on free ports, cleaned up after.
export {
  freePort,
  kill,
  repoRoot,
  startDatabase,
  startNats,
  uniqueDbName,
  waitForPort,
  type RunningServer,
} from './servers.js';
