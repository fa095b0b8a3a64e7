import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, hostPort, int, list, loadConfig, oneOf, str, url } from './config.js';

const schema = {
  NAME: str('a name', 'chat'),
  COUNT: int('a count', 3, 1, 10),
  MODE: oneOf('a mode', 'a', ['a', 'b'] as const),
  ADDR: hostPort('an address', '127.0.0.1:1'),
  BUS: url('a bus', 'nats://127.0.0.1:4222', ['nats']),
  ORIGINS: list('origins', []),
};

describe('loadConfig', () => {
  it('uses the defaults when nothing is set, and treats empty as unset', () => {
    assert.deepEqual(loadConfig(schema, { NAME: '' }), {
      NAME: 'chat',
      COUNT: 3,
      MODE: 'a',
      ADDR: '127.0.0.1:1',
      BUS: 'nats://127.0.0.1:4222',
      ORIGINS: [],
    });
  });

  it('parses every kind of field', () => {
    const config = loadConfig(schema, {
      COUNT: '7',
      MODE: 'b',
      ADDR: '[::1]:8080',
      ORIGINS: 'https://a.example, https://b.example,',
    });
    assert.equal(config.COUNT, 7);
    assert.equal(config.MODE, 'b');
    assert.equal(config.ADDR, '[::1]:8080');
    assert.deepEqual(config.ORIGINS, ['https://a.example', 'https://b.example']);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['COUNT', 'many', /expected an integer/],
    ['COUNT', '11', /from 1 to 10/],
    ['MODE', 'c', /one of a, b/],
    ['ADDR', 'localhost', /host:port/],
    ['ADDR', 'host:70000', /host:port/],
    ['BUS', 'http://x', /nats URL/],
    ['BUS', 'not a url', /expected a URL/],
  ];
  for (const [name, value, reason] of bad) {
    it(`refuses ${name}=${value} with an error naming the variable`, () => {
      assert.throws(
        () => loadConfig(schema, { [name]: value }),
        (err: unknown) =>
          err instanceof ConfigError &&
          err.variable === name &&
          err.message.startsWith(`${name}: invalid value`) &&
          reason.test(err.message),
      );
    });
  }
});
