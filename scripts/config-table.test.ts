import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configMarkdown, readmePath, withConfig } from './config-table.js';

describe('the README configuration tables', () => {
  it('match the services` schemas (run make docs after changing one)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    assert.equal(withConfig(readme, configMarkdown()), readme);
  });

  it('list every gateway and auth variable', () => {
    const markdown = configMarkdown();
    for (const name of ['GATEWAY_ID', 'ALLOWED_ORIGINS', 'SCRYPT_COST', 'LOGIN_ACCOUNT_LIMIT']) {
      assert.match(markdown, new RegExp(`\\| \`${name}\` \\|`));
    }
  });
});
