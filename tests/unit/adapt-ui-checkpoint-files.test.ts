import { describe, expect, it } from 'vitest';
import {
  checkImportFile,
  defaultCheckpointName,
  exportFileName,
  formatSavedAt,
  MAX_IMPORT_BYTES,
  objectiveLabel,
} from '../../src/ui/checkpoints/checkpointFiles';
import { errorMessage } from '../../src/shared/errors';

describe('checkpoint files', () => {
  it('makes safe export names with the .ptpg extension', () => {
    expect(exportFileName('Tiny on Pattern, step 300')).toBe('Tiny on Pattern, step 300.ptpg');
    expect(exportFileName('a/b\\c:d*?"<>|e')).toBe('a-b-c-d-e.ptpg');
    expect(exportFileName('  ..hidden  ')).toBe('hidden.ptpg');
    expect(exportFileName('   ')).toBe('checkpoint.ptpg');
    expect(exportFileName('x'.repeat(200))).toHaveLength(80 + '.ptpg'.length);
  });

  it('refuses empty and huge files before reading them', () => {
    expect(checkImportFile({ name: 'a.ptpg', size: 0 })).toMatch(/empty/);
    expect(checkImportFile({ name: 'a.ptpg', size: MAX_IMPORT_BYTES + 1 })).toMatch(/not read/);
    expect(checkImportFile({ name: 'a.ptpg', size: 1000 })).toBeNull();
  });

  it('proposes names and formats facts', () => {
    expect(defaultCheckpointName('Run 2', 300)).toBe('Run 2 at step 300');
    expect(defaultCheckpointName(null, null)).toBe('Model');
    expect(formatSavedAt('not a date')).toBe('–');
    expect(formatSavedAt('2025-03-03T14:05:00Z')).toMatch(/2025/);
    expect(objectiveLabel('causal')).toBe('Causal');
    expect(objectiveLabel('masked')).toBe('Masked');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
  });
});
