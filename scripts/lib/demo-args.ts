// The demo's command line: `npm run demo -- [scene] [--help]`. Bad arguments are answered with
// the usage (exit 2), never a stack trace; --help prints it and exits 0.
import { parseArgs } from 'node:util';

export type DemoCommand = { kind: 'run'; scene: string } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseDemoArgs(argv: readonly string[], sceneNames: readonly string[], defaultScene: string): DemoCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (parsed.values.help) return { kind: 'help' };
  const [scene = defaultScene, ...extra] = parsed.positionals;
  if (extra.length > 0) return { kind: 'error', message: `one scene at a time, not ${[scene, ...extra].join(' ')}` };
  if (!sceneNames.includes(scene)) return { kind: 'error', message: `no scene called "${scene}"` };
  return { kind: 'run', scene };
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
}

/** The usage: the command, the options, and every scene with what it shows. */
export function demoUsage(scenes: readonly { name: string; shows: string }[], defaultScene: string): string {
  const width = Math.max(...scenes.map((scene) => scene.name.length));
  return [
    'Usage: npm run demo -- [scene] [--help]',
    '',
    'Runs the built actions against the local Zilliz Cloud emulator as the GitHub runner does (a post step after',
    'its main step, with the state it saved), and shows each log as it happens (as GitHub shows it), then the',
    'outputs, the job summary and a timeline of each job.',
    '',
    'Scenes:',
    ...scenes.map((scene) => `  ${scene.name.padEnd(width)}  ${scene.shows}${scene.name === defaultScene ? ' (default)' : ''}`),
    '',
    'Options:',
    `  ${'-h, --help'.padEnd(width)}  print this and exit`,
    '',
  ].join('\n');
}
