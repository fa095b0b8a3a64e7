// Runs the whole chat system on this machine: NATS, a database, the services and two gateways,
// each a detached process whose pid is kept in .run/stack.json so `down` stops exactly those.
import { down, logs, status } from './stack/commands.js';
import { DEFAULT_ENTRY } from './stack/config.js';
import { up } from './stack/up.js';

const HELP = `Usage: node --import tsx scripts/stack.ts <command>

Commands:
  up            start NATS, the database, the five services and gateways gw-1 (:8080) and
                gw-2 (:8081) in the background, waiting until each one is ready
  down          stop the processes recorded in .run/stack.json, and only those
  status        list each process with its pid, whether it runs, and its port
  logs [name]   follow all logs, or one (e.g. \`logs auth\`), through pino-pretty

Environment:
  MONGO_URL             use this database and start none
  STACK_DIR             folder for .run/ (pids, logs) and .data/ (default: the repo root)
  STACK_ENTRY_TEMPLATE  entry file of each node process, {name} being auth, session, message,
                        push, files or gateway (default: ${DEFAULT_ENTRY})
  LOG_LEVEL             log level passed to every service (default: info)

Without MONGO_URL the database is mongod when it is on PATH, else FerretDB built by
tools/ensure-ferretdb.sh. Data stays in .data/ across down and up.
`;

async function run(args: string[]): Promise<number> {
  const [command, name] = args;

  switch (command) {
    case 'up':
      return up();
    case 'down':
      return down();
    case 'status':
      return status();
    case 'logs':
      return logs(name);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(command ? `Unknown command: ${command}\n\n${HELP}` : HELP);
      return 2;
  }
}

// A reader that goes away (`up | head`) must not abort `up` halfway through starting the stack.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

// Exits explicitly: idle keep-alive sockets from the readiness checks must not hold `up` open.
try {
  process.exit(await run(process.argv.slice(2)));
} catch (err) {
  console.error(`stack: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
