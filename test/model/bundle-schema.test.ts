import { describe, expect, it } from 'vitest';
import { generateDemoWorkspace } from '../../lib/demo';
import { bundleJsonSchema, WorkspaceBundle } from '../../lib/model';

describe('workspace bundle JSON Schema (generated from the zod model)', () => {
  const schema = bundleJsonSchema() as {
    type: string;
    required: string[];
    properties: Record<
      string,
      { const?: unknown; type?: string; items?: { properties?: Record<string, unknown> } }
    >;
  };

  it('describes every part of the bundle', () => {
    expect(schema.type).toBe('object');
    for (const key of [
      'format',
      'version',
      'workspace',
      'personas',
      'campaigns',
      'assets',
      'scoringModel',
      'lifecycle',
      'leads',
      'touches',
    ]) {
      expect(schema.required, key).toContain(key);
    }
    expect(schema.properties.format!.const).toBe('tandem.workspace');
    expect(schema.properties.version!.const).toBe(1);
    // Touch types come from the model's fixed vocabulary.
    const touchType = schema.properties.touches!.items!.properties!.type as { enum: string[] };
    expect(touchType.enum).toContain('webinar_attended');
    expect(touchType.enum).toHaveLength(19);
  });

  it('is the schema of what the model accepts: the demo bundle passes the zod model', () => {
    const bundle = generateDemoWorkspace({ now: Date.UTC(2026, 10, 23) });
    expect(WorkspaceBundle.safeParse(bundle).success).toBe(true);
    expect(WorkspaceBundle.safeParse({ ...bundle, format: 'other' }).success).toBe(false);
  });
});
