-- Keys compare byte by byte: identifiers, emails and record keys are opaque strings, and a
-- linguistic collation (the database default, often en_US.UTF-8 or C.UTF-8) makes every index
-- comparison a strcoll() call, which dominates bulk loads and key lookups. Every text column
-- that is part of a key, index or join gets the "C" collation, on all tables alike (a join
-- between two different explicit collations would be refused).
alter table api_tokens drop constraint api_tokens_workspace_id_fkey;
alter table workspaces alter column id type text collate "C";
alter table api_tokens alter column workspace_id type text collate "C";
alter table api_tokens alter column token_hash type text collate "C";
alter table api_tokens
  add constraint api_tokens_workspace_id_fkey foreign key (workspace_id) references workspaces (id);

alter table leads
  alter column workspace_id type text collate "C",
  alter column key type text collate "C",
  alter column email_norm type text collate "C",
  alter column stage type text collate "C";

alter table lead_refs
  alter column workspace_id type text collate "C",
  alter column record_key type text collate "C",
  alter column lead_key type text collate "C";

-- A touch's data is stored as the JSON text it was validated as (json, not jsonb): it is only
-- ever sent back whole, and json is cheaper both to load (checked, not rebuilt) and to send
-- (no re-serialization).
alter table touches
  alter column workspace_id type text collate "C",
  alter column id type text collate "C",
  alter column lead_key type text collate "C",
  alter column source type text collate "C",
  alter column source_id type text collate "C",
  alter column data type json using data::json;

alter table events
  alter column workspace_id type text collate "C",
  alter column kind type text collate "C",
  alter column rep_email type text collate "C",
  alter column lead_key type text collate "C";
