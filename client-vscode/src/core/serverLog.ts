/**
 * The server's stderr lines → output channel log levels. The server logs with Python's
 * logging ("<date> <time> LEVEL name: message", aws_config_ls/cli.py); pygls's warnings
 * are warnings, not errors. A line without a level (a traceback's continuation) keeps
 * the level of the record it belongs to; anything before the first record is an error
 * (Python itself failing to start).
 */

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<string, LogLevel> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  WARN: 'warn',
  ERROR: 'error',
  CRITICAL: 'error',
  FATAL: 'error',
};

// "2026-12-01 13:19:48,328 WARNING pygls.protocol: …" or logging's default "WARNING:pygls:…"
const RECORD = /^(?:\d{4}-\d\d-\d\d[ T][\d:,.]+\s+)?(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\b[\s:]/;

/** The level of one stderr line, given the level of the line before it. */
export function serverLogLevel(line: string, previous: LogLevel = 'error'): LogLevel {
  const m = RECORD.exec(line);
  return m ? LEVELS[m[1]] : previous;
}
