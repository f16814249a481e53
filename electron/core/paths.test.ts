import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from './paths';

describe('defaultDataDir', () => {
  it('uses XDG_CONFIG_HOME on Linux when it is set', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg/config' }, 'linux', '/home/ada')).toBe('/xdg/config/Closeout');
  });

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset or empty', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Closeout');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ada')).toBe('/home/ada/.config/Closeout');
  });

  it('uses Application Support on macOS and ignores XDG variables there', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Closeout',
    );
  });

  it('uses APPDATA on Windows with backslashes', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Closeout',
    );
  });

  it('derives the roaming folder from the home folder on Windows when APPDATA is missing', () => {
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Closeout');
  });
});

describe('resolveDataDir', () => {
  const env = { CLOSEOUT_HOME: '/srv/closeout', XDG_CONFIG_HOME: '/xdg' };

  it('prefers the flag over CLOSEOUT_HOME', () => {
    expect(resolveDataDir('/tmp/flagged', env)).toBe('/tmp/flagged');
  });

  it('uses CLOSEOUT_HOME when no flag is given', () => {
    expect(resolveDataDir(undefined, env)).toBe('/srv/closeout');
  });

  it('makes a relative choice absolute against the working directory', () => {
    expect(resolveDataDir('relative/dir', {})).toBe(path.resolve('relative/dir'));
  });

  it('falls back to the platform default when neither flag nor CLOSEOUT_HOME is set', () => {
    expect(resolveDataDir('', { CLOSEOUT_HOME: '', XDG_CONFIG_HOME: '/xdg' })).toBe(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }));
  });
});
