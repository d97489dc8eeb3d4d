/**
 * Foundation: organisations (materialised path), people (one registry, a category field), accounts,
 * role grants, sessions, transfers, import batches and the append-only audit log.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organizations (
      id uuid primary key,
      seq bigint generated always as identity unique,
      code text not null unique,
      name text not null,
      kind text not null,
      parent_id uuid references organizations(id),
      path text not null unique,
      depth int not null,
      established_on date,
      has_committee boolean not null default false,
      active boolean not null default true,
      deactivated_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index organizations_path_idx on organizations (path text_pattern_ops);
    create index organizations_parent_idx on organizations (parent_id);

    create table people (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      name text not null,
      name_pinyin text not null,
      name_initials text not null,
      sex text not null,
      ethnicity text,
      birth_date date not null,
      id_number_enc text not null,
      id_number_hash text not null unique,
      id_number_tail text not null,
      phone_enc text,
      phone_hash text,
      phone_tail text,
      education text,
      category text not null,
      joined_on date,
      confirmed_on date,
      post text,
      address text,
      status text not null default 'normal',
      lost_contact_since date,
      is_leading_cadre boolean not null default false,
      is_party_affairs_worker boolean not null default false,
      is_secretary boolean not null default false,
      is_committee_member boolean not null default false,
      is_infirm boolean not null default false,
      is_retired boolean not null default false,
      study_exempt boolean not null default false,
      study_exempt_reason text,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index people_subtree_category_idx on people (org_path text_pattern_ops, category);
    create index people_org_idx on people (org_id);
    create index people_name_idx on people (name text_pattern_ops);
    create index people_pinyin_idx on people (name_pinyin text_pattern_ops);
    create index people_initials_idx on people (name_initials text_pattern_ops);
    create index people_id_tail_idx on people (id_number_tail);
    create index people_phone_tail_idx on people (phone_tail);
    create index people_phone_hash_idx on people (phone_hash);

    create table users (
      id uuid primary key,
      username text not null unique,
      display_name text not null,
      phone_hash text unique,
      person_id uuid unique references people(id),
      password_hash text not null,
      must_change_password boolean not null default true,
      failed_attempts int not null default 0,
      locked_until timestamptz,
      active boolean not null default true,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table role_grants (
      id uuid primary key,
      user_id uuid not null references users(id),
      role text not null,
      org_id uuid references organizations(id),
      granted_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (user_id, role, org_id)
    );
    create index role_grants_user_idx on role_grants (user_id);

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);

    create table transfers (
      id uuid primary key,
      person_id uuid not null references people(id),
      from_org_id uuid not null references organizations(id),
      to_org_id uuid not null references organizations(id),
      status text not null,
      reason text not null,
      return_reason text,
      issued_by uuid not null references users(id),
      issued_at timestamptz not null default now(),
      valid_until date not null,
      answered_by uuid references users(id),
      answered_at timestamptz
    );
    create index transfers_from_idx on transfers (from_org_id, status);
    create index transfers_to_idx on transfers (to_org_id, status);
    create unique index transfers_one_pending_per_person on transfers (person_id) where status = 'pending';

    create table import_batches (
      id uuid primary key,
      kind text not null,
      org_id uuid not null references organizations(id),
      created_by uuid not null references users(id),
      file_name text not null,
      file_sha256 text not null,
      status text not null,
      mode text,
      report jsonb not null,
      rows jsonb not null,
      created_at timestamptz not null default now(),
      committed_at timestamptz
    );

    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_name text,
      action text not null,
      entity_type text not null,
      entity_id text,
      org_id uuid,
      ip text,
      before jsonb,
      after jsonb,
      detail jsonb
    );
    create index audit_log_at_idx on audit_log (at desc);
    create index audit_log_actor_idx on audit_log (actor_id, at desc);
    create index audit_log_entity_idx on audit_log (entity_type, entity_id);

    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end;
    $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_is_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_is_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_log;
    drop function audit_log_is_append_only;
    drop table import_batches;
    drop table transfers;
    drop table sessions;
    drop table role_grants;
    drop table users;
    drop table people;
    drop table organizations;
  `.execute(db);
}
