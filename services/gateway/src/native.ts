import { createRequire } from 'node:module';
import type * as Uws from 'uWebSockets.js';

const require = createRequire(import.meta.url);

/**
 * Loads uWebSockets.js and checks that the native binary is what loaded. The package silently
 * falls back to the `ws` module when its binary cannot load, which would run a different,
 * slower server under the same API; refuse to start instead.
 */
export function loadUws(): typeof Uws {
  const uws = require('uWebSockets.js') as typeof Uws;
  const file = `uWebSockets.js/binaries/uws_${process.platform}_${process.arch}_${process.versions.modules}.node`;

  let native: unknown;
  try {
    native = require(file);
  } catch (err) {
    throw new Error(`uWebSockets.js has no native binary for this platform (${file})`, {
      cause: err,
    });
  }
  if (native !== uws) {
    throw new Error('uWebSockets.js fell back to a non-native implementation; refusing to start');
  }
  return uws;
}
