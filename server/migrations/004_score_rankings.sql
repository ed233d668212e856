-- Every lead's score ranked under the published definitions (GET /v1/ranking).
-- data_generation counts the ingest requests that changed leads or touches: a ranking made at an
-- earlier generation is stale, whichever instance made it and whatever the clocks say.
alter table workspaces add column data_generation bigint not null default 0;

create table score_rankings (
  workspace_id text collate "C" primary key references workspaces (id),
  -- The definitions version and the data generation the ranking was made from.
  version integer not null,
  data_generation bigint not null,
  ranked_at bigint not null,
  leads integer not null,
  -- The totals ascending, as the JSON array the endpoint sends (json: only ever sent whole).
  totals json not null
);
