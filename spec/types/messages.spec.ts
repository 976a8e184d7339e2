/**
 * What the compiler tells a TypeScript author who calls a typed contract wrongly: the message names the mistake
 * (the wrong literal, the missing argument), not an overload they never meant.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { consumerCompilerOptions } from '../support/typecheck';

const root = path.join(__dirname, '..', '..');

function diagnosticsOf(body: string): string[] {
  const dir = path.join(root, 'build', 'type-messages');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'client.ts');
  fs.writeFileSync(
    file,
    `import type { ClientCallbacks } from '../../src/client';
import { defineServerCallback } from '../../src/core/contracts';
declare const client: ClientCallbacks;
const getMoney = defineServerCallback<[account: 'bank' | 'cash'], number>('getMoney');
export async function run(): Promise<unknown> {
  return ${body};
}
`,
  );
  const program = ts.createProgram([file], consumerCompilerOptions({ types: [] }));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === file)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') + (diagnostic.relatedInformation ?? []).map((related) => `\n${ts.flattenDiagnosticMessageText(related.messageText, '\n')}`).join(''));
}

describe('type errors of a typed contract', () => {
  it('a value outside the literal type names the value and the allowed ones', () => {
    expect(diagnosticsOf(`client.call(getMoney, 'savings')`)).toEqual([`Argument of type '"savings"' is not assignable to parameter of type '"bank" | "cash"'.`]);
  });

  it('a missing argument is reported as a missing argument', () => {
    const diagnostics = diagnosticsOf(`client.call(getMoney)`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^Expected 2 arguments, but got 1\./);
  });

  it('a correct call compiles', () => {
    expect(diagnosticsOf(`client.call(getMoney, 'bank')`)).toEqual([]);
  });
});
