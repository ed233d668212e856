-- The hub's first schema. Every table carries workspace_id, the first column of every key and
-- index: each query names one workspace, and it is the key to partition by at scale.

create table workspaces (
  id text primary key,
  name text not null,
  -- 0 until the first publish; bumped by each one.
  version integer not null default 0,
  definitions jsonb,
  updated_at bigint not null
);

create table api_tokens (
  id uuid primary key,
  workspace_id text not null references workspaces (id),
  -- SHA-256 of the token, hex: the token itself is never stored.
  token_hash text not null unique,
  role text not null check (role in ('admin', 'marketer', 'rep')),
  name text not null,
  email text not null,
  created_at bigint not null,
  revoked_at bigint
);
create index api_tokens_workspace on api_tokens (workspace_id);

create table leads (
  workspace_id text not null,
  key text not null,
  email_norm text,
  stage text not null,
  updated_at bigint not null,
  data jsonb not null,
  primary key (workspace_id, key)
);
create index leads_email on leads (workspace_id, email_norm) where email_norm is not null;
create index leads_stage on leads (workspace_id, stage);

-- CRM records known to be a lead: `crm|tenant|recordId` as lib/model/keys.ts makes it.
create table lead_refs (
  workspace_id text not null,
  record_key text not null,
  lead_key text not null,
  primary key (workspace_id, record_key)
);
create index lead_refs_lead on lead_refs (workspace_id, lead_key);

create table touches (
  workspace_id text not null,
  id text not null,
  lead_key text not null,
  at bigint not null,
  source text not null,
  source_id text,
  data jsonb not null,
  primary key (workspace_id, id)
);
-- A re-import of the same source rows is recognized whatever ids it was given.
create unique index touches_source on touches (workspace_id, source, source_id)
  where source_id is not null;
create index touches_lead_time on touches (workspace_id, lead_key, at);

create table events (
  workspace_id text not null,
  -- The idempotency key the extension made when the rep acted.
  id uuid not null,
  at bigint not null,
  kind text not null,
  rep_email text not null,
  lead_key text,
  received_at bigint not null,
  data jsonb not null,
  primary key (workspace_id, id)
);
create index events_time on events (workspace_id, at, id);
create index events_verdict_leads on events (workspace_id, lead_key) where kind = 'lead_verdict';
