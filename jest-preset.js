// `preset: 'fxcallbacks'` in a jest config: tests run in Node, and the Lua runtime of fxcallbacks/testing is loaded
// before the first test of each file, so Lua resources start in the simulated world without more setup.
module.exports = {
  testEnvironment: 'node',
  setupFilesAfterEnv: [require.resolve('./jest-setup.js')],
};
