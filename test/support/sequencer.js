/** Orders suites: unit → workflows → replay → api → e2e → faults, so cheap failures show first. */
const Sequencer = require('@jest/test-sequencer').default;
const ORDER = ['/unit/', '/workflows/', '/replay/', '/activities/', '/api/', '/e2e/', '/faults/'];
const rank = (p) => {
  const i = ORDER.findIndex((d) => p.includes(d));
  return i === -1 ? ORDER.length : i;
};
module.exports = class extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
};
