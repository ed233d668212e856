-- A token's own rate limit, set when it is made (`create-token --rate-per-s N --rate-burst M`):
-- for a service that loads data in bulk, say. Null: the hub's HUB_RATE_PER_S / HUB_RATE_BURST.
alter table api_tokens
  add column rate_per_s double precision,
  add column rate_burst integer,
  add constraint api_tokens_rate_limit check (
    (rate_per_s is null and rate_burst is null)
    or (rate_per_s > 0 and rate_burst >= 1)
  );
