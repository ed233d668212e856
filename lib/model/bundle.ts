import { z } from 'zod';
import { EpochMs, Id, ShortText } from './common';
import { Asset, Campaign } from './content';
import { Lifecycle, Persona, ScoringModel } from './definitions';
import { TandemEvent } from './events';
import { Lead } from './lead';
import { Touch } from './touch';

export const BUNDLE_FORMAT = 'tandem.workspace';
export const BUNDLE_VERSION = 1;

/**
 * The workspace bundle: every definition and all data of one workspace, as versioned JSON.
 * It is what the demo generator produces, what imports and exports read and write, and
 * (later) what a team hub publishes.
 */
export const WorkspaceBundle = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    workspace: z.object({
      id: Id,
      name: ShortText.min(1),
      /** When the marketing data in this bundle was last updated (drives "data updated 3 h ago"). */
      updatedAt: EpochMs,
    }),
    personas: z.array(Persona),
    campaigns: z.array(Campaign),
    assets: z.array(Asset),
    scoringModel: ScoringModel,
    lifecycle: Lifecycle,
    leads: z.array(Lead),
    touches: z.array(Touch),
    events: z.array(TandemEvent).default([]),
  })
  .meta({
    title: 'Tandem workspace bundle',
    description:
      'Definitions and data of one Tandem workspace. Times are epoch milliseconds (UTC).',
  });
export type WorkspaceBundle = z.infer<typeof WorkspaceBundle>;
/** What a bundle looks like before defaults are applied (what a file may contain). */
export type WorkspaceBundleInput = z.input<typeof WorkspaceBundle>;

/** JSON Schema of the bundle, generated from the zod model (shipped as `workspace-bundle.schema.json`). */
export function bundleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(WorkspaceBundle, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
