-- The level a tenant's status had before its last success was recorded, written by that same statement: a success
-- learns whether it changed the level from its own RETURNING (PostgreSQL 17 has no OLD there), instead of a locking
-- read first, one round trip fewer for every test and delivered batch. Only successes write it; it is read nowhere else.
alter table mail_status add column level_before text;
