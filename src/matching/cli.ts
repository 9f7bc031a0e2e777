/**
 * Command-line entry for audits:
 *   npm run match -- input.json [--no-timing] [--no-check]   (file, or stdin when absent or -)
 * The mechanism is the input's `mechanism` field, not an option.
 * Writes the output JSON to stdout. Bad input: exit code 2 and one line on stderr naming the first
 * bad item. A failed result check (a bug): exit code 3.
 */
import { readFileSync } from 'fs';
import { match } from './match';
import { MatchCheckError, MatchInputError } from './types';

function usageError(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let timing = true;
  let check = true;
  for (const arg of argv) {
    if (arg === '--no-timing') timing = false;
    else if (arg === '--no-check') check = false;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'usage: npm run match -- [input.json|-] [--no-timing] [--no-check]\n' +
          'Reads the engine input JSON (stdin when no file or -), writes the output JSON.\n',
      );
      return;
    } else if (arg.startsWith('--')) usageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else usageError(`unexpected argument ${arg}`);
  }

  let text: string;
  try {
    text = readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    usageError(`cannot read ${file ?? 'stdin'}: ${(e as Error).message}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    usageError(`malformed JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const output = match(input as Parameters<typeof match>[0], { timing, check });
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } catch (e) {
    if (e instanceof MatchInputError) usageError(`invalid input: ${e.message.split('\n')[0]}`);
    if (e instanceof MatchCheckError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(3);
    }
    throw e;
  }
}

main(process.argv.slice(2));
