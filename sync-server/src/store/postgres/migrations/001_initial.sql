-- Svod's PostgreSQL schema, version 1 (issue #13). Applied by migrate.ts inside one transaction, under the advisory
-- lock, with search_path set to the store's schema.
--
-- Timestamps of records are kept as the ISO strings the server made them with: a record read back is the record given
-- (a timestamptz would turn '2026-11-20T09:00:00Z' into another spelling). `seq` keeps insertion order: lists come back
-- in it, so every process builds the regional workbook from the same sequence of rows. JSON columns are `json`, not
-- `jsonb`: the text is kept as given, so objects keep their key order (as in the lowdb store) and a \u0000 escape in a
-- header name is stored, not refused.

create table regions (
  seq bigint generated always as identity unique,
  id text primary key,
  name text not null,
  time_zone text,
  deadline text,
  mappings json,
  -- The template: its file's blob and when it came in as columns (a blob referenced from here must be kept), its
  -- content (RegionalTemplate) as JSON. All null when there is none.
  template_file_hash text,
  template_file_name text,
  template_uploaded_at text,
  template_content json,
  google_sheet json,
  created_at text not null,
  constraint regions_template_whole check (
    (template_file_hash is null and template_file_name is null and template_uploaded_at is null and template_content is null)
    or (template_file_hash is not null and template_uploaded_at is not null and template_content is not null)
  )
);

create table municipalities (
  seq bigint generated always as identity unique,
  region_id text not null references regions (id),
  id text not null,
  name text not null,
  created_at text not null,
  deactivated_at text,
  google_sheet json,
  columns json,
  primary key (region_id, id)
);

create table tokens (
  seq bigint generated always as identity unique,
  id text primary key,
  hash text not null unique,
  role text not null check (role in ('coordinator', 'municipality', 'federal')),
  region_id text references regions (id),
  municipality_id text,
  created_at text not null,
  revoked_at text,
  -- Only a federal token is outside every region; only a municipality's token names a municipality.
  constraint tokens_region_by_role check ((role = 'federal') = (region_id is null)),
  constraint tokens_municipality_by_role check ((role = 'municipality') = (municipality_id is not null)),
  foreign key (region_id, municipality_id) references municipalities (region_id, id)
);

create index tokens_live on tokens (region_id, seq) where revoked_at is null;

create table submissions (
  seq bigint generated always as identity unique,
  region_id text not null,
  id text not null,
  municipality_id text not null,
  version integer not null check (version > 0),
  submitted_at text not null,
  kind text not null check (kind in ('xlsx', 'ods', 'csv', 'json')),
  file_name text,
  file_hash text not null,
  content_hash text not null,
  status text not null check (status in ('accepted', 'rejected')),
  summary json not null,
  diagnostics_hash text not null,
  idempotency_key text,
  template_free boolean not null default false,
  source json,
  columns json,
  returns json,
  primary key (region_id, id),
  foreign key (region_id, municipality_id) references municipalities (region_id, id),
  -- What appendVersion's lock promises, kept by the database too: versions and keys are never repeated.
  unique (region_id, municipality_id, version),
  unique (region_id, municipality_id, idempotency_key)
);

-- latest(): each municipality's last version is the first row of the version unique index read backwards; its last
-- accepted one is the first row of this one.
create index submissions_accepted on submissions (region_id, municipality_id, version desc) where status = 'accepted';
create index submissions_by_region on submissions (region_id, seq);

create table blobs (
  hash text primary key check (hash ~ '^[0-9a-f]{64}$'),
  bytes bytea not null,
  stored_at timestamptz not null default now()
);

create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  region text,
  action text not null,
  actor text not null,
  target text,
  details json
);

create index audit_events_by_region on audit_events (region, id);

-- express-rate-limit's counts, shared by every process: one fixed window per key.
create table rate_limits (
  key text primary key,
  hits integer not null,
  reset_at timestamptz not null
);

create index rate_limits_expiry on rate_limits (reset_at);
