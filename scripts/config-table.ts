// Prints the configuration tables of the README from the services' own schemas, so the two
// cannot drift apart: `make docs` writes them, and a test compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commonSchema, type Schema } from '@chat/kit';
import { authSchema } from '../services/auth/src/config.js';
import { filesSchema } from '../services/files/src/config.js';
import { gatewaySchema } from '../services/gateway/src/config.js';
import { messageSchema } from '../services/message/src/config.js';
import { pushSchema } from '../services/push/src/config.js';
import { sessionSchema } from '../services/session/src/config.js';

const services: Array<[string, Schema]> = [
  ['auth', authSchema],
  ['session', sessionSchema],
  ['message', messageSchema],
  ['push', pushSchema],
  ['files', filesSchema],
];

function table(schema: Schema, skip: Schema = {}): string {
  const rows = Object.entries(schema)
    .filter(([name]) => !(name in skip))
    .map(([name, f]) => `| \`${name}\` | \`${JSON.stringify(f.default)}\` | ${f.description} |`);
  return ['| variable | default | what it sets |', '| --- | --- | --- |', ...rows].join('\n');
}

function addresses(): string {
  const rows = services.map(([name, s]) => {
    const d = (key: string) => String(s[key]?.default);
    return `| ${name} | \`${d('GRPC_LISTEN')}\` | \`${d('OPS_LISTEN')}\` | \`${d('MONGO_DB')}\` |`;
  });
  return [
    '| service | `GRPC_LISTEN` | `OPS_LISTEN` | `MONGO_DB` |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The fields every domain service has, in the order of the first schema. */
function sharedFields(): Schema {
  const [[, first], ...rest] = services as [[string, Schema], ...Array<[string, Schema]>];
  return Object.fromEntries(
    Object.entries(first).filter(([name]) => rest.every(([, schema]) => name in schema)),
  );
}

/** One "<service>, in addition" section per service that has fields of its own. */
function extras(shared: Schema): string[] {
  return services.flatMap(([name, schema]) => {
    const own = Object.fromEntries(Object.entries(schema).filter(([key]) => !(key in shared)));
    return Object.keys(own).length ? [`#### ${name}, in addition`, table(own), ''] : [];
  });
}

/** The Markdown that goes between the README's config markers. */
export function configMarkdown(): string {
  const shared = sharedFields();
  return [
    '#### Every domain service (auth, session, message, push, files)',
    table(shared, {
      GRPC_LISTEN: shared['GRPC_LISTEN']!,
      MONGO_DB: shared['MONGO_DB']!,
      OPS_LISTEN: shared['OPS_LISTEN']!,
    }),
    '',
    'with these defaults per service:',
    '',
    addresses(),
    '',
    ...extras(shared),
    '#### gateway',
    table(gatewaySchema, {}),
    '',
    `The gateway shares \`${Object.keys(commonSchema).join('`, `')}\` with the services.`,
  ].join('\n');
}

const START = '<!-- config:start -->';
const END = '<!-- config:end -->';

/** The README with its configuration block replaced by `markdown`. */
export function withConfig(readme: string, markdown: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error('README has no config markers');
  return `${readme.slice(0, from + START.length)}\n${markdown}\n${readme.slice(to)}`;
}

export const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) {
    writeFileSync(readmePath, withConfig(readFileSync(readmePath, 'utf8'), configMarkdown()));
  } else {
    process.stdout.write(configMarkdown() + '\n');
  }
}
