import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyLines, foldingRanges } from '../../src/core/folding';

describe('classifyLines (configparser rules)', () => {
  it('classifies headers, keys, continuations and comments', () => {
    const lines = [
      '# top', // 0 comment
      '[default]', // 1 header
      'region = x', // 2 key
      '  more', // 3 continuation
      '# c', // 4 comment: does not end the value
      '  still', // 5 continuation
      '', // 6 blank
      '  [profile swallowed]', // 7 continuation (indented header after a key)
      'bad line', // 8 other: a parse error keeps the key open…
      '  [profile x]', // 9 …so this is still region's value (checked against configparser)
      '[profile y]', // 10 header
      '  a = 1', // 11 key (indent only matters when a key is open)
      '  b = 2', // 12 key (same indent)
      '    c', // 13 continuation of b
      '= x', // 14 other: empty key name, closes the key
      '  d', // 15 other (no key open, no delimiter)
    ];
    assert.deepEqual(classifyLines(lines), [
      'comment', 'header', 'key', 'continuation', 'comment', 'continuation', 'blank', 'continuation', 'other', 'continuation',
      'header', 'key', 'key', 'continuation', 'other', 'other',
    ]);
  });
});

describe('foldingRanges', () => {
  it('folds each section up to its last entry, not the blank and comment lines before the next header', () => {
    const lines = [
      '[default]', // 0
      'region = us-east-1', // 1
      'output = json', // 2
      '', // 3
      '# the dev profile', // 4
      '[profile dev]', // 5
      's3 =', // 6
      '  addressing_style = path', // 7
      '  # note', // 8
      '  signature_version = s3v4', // 9
      '', // 10
    ];
    assert.deepEqual(foldingRanges(lines), [
      { start: 0, end: 2 },
      { start: 5, end: 9 },
      { start: 6, end: 9 },
    ]);
  });
  it('folds runs of comments', () => {
    assert.deepEqual(foldingRanges(['# a', '# b', '; c', '[x]', 'k = v']), [
      { start: 0, end: 2, kind: 'comment' },
      { start: 3, end: 4 },
    ]);
  });
  it('does not fold a lone header', () => {
    assert.deepEqual(foldingRanges(['[x]', '', '[y]', '# only a comment']), []);
  });
});
