-- One-time links (invitations, password resets) are not kept readable in the outbox (decision 009): the body
-- holds a placeholder, and the link itself is sealed with the secrets key, bound to the message, until the
-- server accepts the message; then the sealed link is dropped.
alter table outbox_message add column link_ciphertext bytea;
alter table outbox_message add column link_key_id text;

-- Rows written before this change: delivered mail no longer needs its body's link. Mail still waiting (or
-- failed, for Retry) keeps it.
update outbox_message set body = '[one-time link, removed after sending]'
where kind in ('INVITATION', 'PASSWORD_RESET') and state = 'SENT';
