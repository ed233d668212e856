/**
 * Shared by the popup and the sidebar: what an event refers to and what the rep saw, built from
 * the lead context, and the checks a draft passes before it is sent (the background checks again).
 */
import type { z } from 'zod';
import {
  EventDraft,
  type EventDraftInput,
  type LeadContext,
  type SeenContext,
  type RecordRef,
} from '../model';

/** The record, lead and context every event made on a record carries. */
export interface FeedbackTarget {
  record?: RecordRef;
  leadKey?: string;
  context?: SeenContext;
}

/** What the rep saw on the record at the moment they act. */
export function targetOf(ctx: LeadContext | null | undefined): FeedbackTarget {
  if (!ctx) return {};
  if (ctx.status === 'no-history') return { record: ctx.detected.ref };
  const top = ctx.persona.top;
  const context: SeenContext = {
    score: ctx.score.total,
    grade: ctx.score.grade,
    stage: ctx.sla.stage,
    ...(top
      ? { personaId: top.personaId, personaName: top.personaName, personaPercent: top.percent }
      : {}),
  };
  return { record: ctx.detected.ref, leadKey: ctx.lead.key, context };
}

/** A draft without the parts the action fills in (id and time). */
export type DraftBody = DistributiveOmit<EventDraftInput, 'id' | 'at'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The first problem of a draft as "field: message", or undefined when it is valid. */
export function draftProblem(draft: unknown): { field: string; message: string } | undefined {
  const r = EventDraft.safeParse(draft);
  if (r.success) return undefined;
  const issue: z.core.$ZodIssue | undefined = r.error.issues[0];
  return { field: issue?.path.join('.') || 'event', message: issue?.message ?? 'invalid' };
}
