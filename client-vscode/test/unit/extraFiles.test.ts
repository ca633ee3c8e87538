import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extraFileLanguage, globRegex, languageFromName } from '../../src/core/extraFiles';

const home = '/home/me';

describe('globRegex (the server\'s ini/locations.py glob_regex, same cases as tests/test_locations.py)', () => {
  const cases: [string, string, boolean][] = [
    ['**/aws/config', '/home/me/dotfiles/aws/config', true],
    ['aws/config', '/home/me/dotfiles/aws/config', true], // any depth
    ['aws/config', '/home/me/dotfiles/xaws/config', false], // whole names only
    ['**/dot_aws/*', '/home/me/chezmoi/dot_aws/private_credentials', true],
    ['/home/*/aws/config', '/home/me/x/aws/config', false], // `*` stays in one folder
    ['/home/**/config', '/home/me/x/aws/config', true],
    ['**/aws/{config,credentials}', '/d/aws/credentials', true],
    ['**/aws/{config,credentials}', '/d/aws/cred', false],
    ['**/a?s/config', '/d/aws/config', true],
    ['**/aws/config.[ch]', '/d/aws/config.[ch]', true], // regex characters are literal
    ['**/aws/config.[ch]', '/d/aws/config.c', false],
    ['**/aws/config', '/d/aws/config.bak', false], // the whole path
  ];
  for (const [glob, p, matches] of cases) {
    it(`${glob} ${matches ? 'matches' : 'does not match'} ${p}`, () => {
      assert.equal(globRegex(glob, home).test(p), matches);
    });
  }
  it('expands ~ to the home folder', () => {
    assert.ok(globRegex('~/dotfiles/**', home).test('/home/me/dotfiles/aws/credentials'));
    assert.ok(!globRegex('~/dotfiles/**', home).test('/elsewhere/dotfiles/aws/credentials'));
  });
  it('takes Windows paths with forward slashes', () => {
    assert.ok(globRegex('C:\\dotfiles\\aws\\config', home).test('C:/dotfiles/aws/config'));
  });
});

describe('languageFromName (the server\'s kind_from_name)', () => {
  it('reads the kind from the file name', () => {
    assert.equal(languageFromName('/d/aws/credentials'), 'aws-credentials');
    assert.equal(languageFromName('/d/dot_aws/private_Credentials'), 'aws-credentials');
    assert.equal(languageFromName('/d/.boto'), 'aws-boto');
    assert.equal(languageFromName('/d/boto.cfg'), 'aws-boto');
    assert.equal(languageFromName('/d/work.boto'), 'aws-boto');
    assert.equal(languageFromName('/d/aws/config'), 'aws-config');
    assert.equal(languageFromName('/d/aws-main'), 'aws-config');
    assert.equal(languageFromName('C:\\d\\aws\\credentials'), 'aws-credentials');
  });
});

describe('extraFileLanguage', () => {
  const globs = ['**/dotfiles/aws-*'];
  it('gives a matching file the language of its name, and nothing to others', () => {
    assert.equal(extraFileLanguage('/h/dotfiles/aws-credentials', globs, home), 'aws-credentials');
    assert.equal(extraFileLanguage('/h/dotfiles/aws-main', globs, home), 'aws-config');
    assert.equal(extraFileLanguage('/h/other/aws-main', globs, home), undefined);
    assert.equal(extraFileLanguage('/h/dotfiles/aws-main', [], home), undefined);
  });
  it('matches Windows paths', () => {
    assert.equal(extraFileLanguage('C:\\h\\dotfiles\\aws-credentials', globs, home), 'aws-credentials');
  });
});
