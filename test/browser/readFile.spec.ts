// The app's "Open file…" reads a file as the CLI does: the same format decision (file name,
// then text) and the same refusal of a file that is not text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { shotPath } from './fixtures/shots';
import { loadScenarioFile } from '../../src/cli/load';

/** What the CLI prints for a file with these bytes and this name: its problem lines. */
function cliProblems(name: string, bytes: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-open-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const r = loadScenarioFile(path);
    if (r.ok) throw new Error(`${name} was accepted by the CLI`);
    return r.lines.slice(1).join('\n').split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function open(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByTestId('scenario-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  await expect(page.getByTestId('load-problems')).toContainText(name);
}

test('a .json file of binary junk, with comments, or in YAML gets the CLI’s message in the app, and hello-mesh keeps running', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  // schema.json beside the scenarios is not one of them.
  await expect(page.getByTestId('scenario-select').locator('option[value="schema"]')).toHaveCount(0);
  await page.getByTestId('speed').selectOption('1');
  await page.getByTestId('play').click();

  // The first bytes of a PNG image, then YAML-looking text: read as YAML, it used to echo them.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('name: x\n')]);
  await open(page, 'picture.json', png);
  const problems = page.getByTestId('problems').locator('li');
  await expect(problems).toHaveText(cliProblems('picture.json', png));
  await expect(problems).toHaveText(['(file): is not text (binary data from its 1st byte); a scenario is a JSON or YAML text file']);

  // After a byte-order mark, the same byte offset as the CLI's (the mark counts in both).
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name": "x"}'), Buffer.from([0x1b])]);
  await open(page, 'bom.json', bom);
  await expect(problems).toHaveText(cliProblems('bom.json', bom));
  await expect(problems).toHaveText(['(file): is not text (binary data from its 17th byte); a scenario is a JSON or YAML text file']);

  // A .json file that opens with a comment: read as JSON by its name, as in the CLI.
  const commented = Buffer.from('// my scenario\n{ "name": "mine" }\n');
  await open(page, 'commented.json', commented);
  await expect(problems).toHaveText(cliProblems('commented.json', commented));
  await expect(problems).toHaveText(['(file): malformed JSON at line 1, column 1: comments are not allowed in JSON; YAML allows them (as # lines, in a .yaml or .yml file)']);

  // YAML in a file named .json: the name decides, so JSON's reading of it, as in the CLI.
  const yamlInJson = Buffer.from('name: mine\nclients: []\n');
  await open(page, 'mine.json', yamlInJson);
  await expect(problems).toHaveText(cliProblems('mine.json', yamlInJson));
  await expect(problems).toHaveText(['(file): malformed JSON at line 1, column 1: a JSON scenario opens with "{" (if this is YAML, name the file .yaml or .yml)']);

  // A .json file cut off after a comma (trial N12's broken.json): the file ends early, said at the
  // line and column where it stops, with what is left to close, not "Expected double-quoted property name".
  const cut = Buffer.from('{"name": "broken", "services": [ {"name": "a", "replicas": -3, ');
  await open(page, 'broken.json', cut);
  await expect(problems).toHaveText(cliProblems('broken.json', cut));
  await expect(problems).toHaveText(['(file): malformed JSON at line 1, column 64: the file ends early, with "}]}" still to close']);
  for (const [width, height] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width, height });
    await expect(problems).toBeInViewport();
    await page.screenshot({ path: shotPath(`readfile-ends-early-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // The run that was playing is still hello-mesh, and it never stopped playing.
  await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  const t0 = Number.parseFloat((await page.getByTestId('sim-time').textContent())!);
  await expect.poll(async () => Number.parseFloat((await page.getByTestId('sim-time').textContent())!), { timeout: 20_000 }).toBeGreaterThan(t0);
  expect(errors).toEqual([]);
});
