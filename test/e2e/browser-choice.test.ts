import { describe, expect, it, vi } from 'vitest';
import { browserLauncher, browserSuiteSkipped } from '../support/browser.ts';

// Which browser the browser suites use, and what happens where none can run.

describe('the browser of the browser suites', () => {
  it('is the packaged Chromium on Linux x64', () => {
    expect('launch' in browserLauncher({}, 'linux', 'x64')).toBe(true);
    expect(browserSuiteSkipped({}, 'linux', 'x64')).toBe(false);
  });

  it('is CHROME_PATH when set, on any platform', () => {
    expect(
      'launch' in browserLauncher({ CHROME_PATH: '/opt/chrome/chrome' }, 'darwin', 'arm64'),
    ).toBe(true);
  });

  it('is missing elsewhere: the suites are skipped with the reason printed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(browserSuiteSkipped({}, 'darwin', 'arm64')).toBe(true);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/darwin-arm64.*CHROME_PATH/));
    } finally {
      warn.mockRestore();
    }
  });

  it('fails the run under CI=true instead of skipping it', () => {
    expect(() => browserSuiteSkipped({ CI: 'true' }, 'win32', 'x64')).toThrow(/win32-x64/);
  });
});
