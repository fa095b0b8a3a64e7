import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { originAllowed } from './origin.js';

describe('originAllowed', () => {
  it('allows clients that send no origin, the page`s own origin and listed ones', () => {
    assert.equal(originAllowed('', 'chat.example:8080', []), true);
    assert.equal(originAllowed('http://chat.example:8080', 'chat.example:8080', []), true);
    assert.equal(
      originAllowed('https://app.example', 'chat.example', ['https://app.example']),
      true,
    );
  });

  it('refuses other origins, look-alikes and garbage', () => {
    assert.equal(originAllowed('https://evil.example', 'chat.example', []), false);
    assert.equal(originAllowed('http://chat.example:8081', 'chat.example:8080', []), false);
    assert.equal(originAllowed('http://chat.example.evil.example', 'chat.example', []), false);
    assert.equal(originAllowed('null', 'chat.example', []), false);
  });
});
