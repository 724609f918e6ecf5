-- Marking a group of accepted messages SENT is the outbox's most frequent write (one per 8 messages while a
-- batch goes out, decision 007). As a function it is one round trip in autocommit instead of three in a
-- dispatcher transaction. It acts as the dispatcher for its own work only, as a dispatcher transaction does
-- (TenantContext.callAsOutboxDispatcher), and takes the setting back before it returns, so nothing outlives
-- the call even inside a caller's transaction.
create function mailroom_outbox_mark_sent(ids uuid[], node text) returns integer
    language plpgsql as $$
declare
    marked integer;
begin
    perform set_config('app.outbox_dispatcher', 'on', true);
    update outbox_message
       set state = 'SENT', lease_until = null, sent_at = clock_timestamp(), link_ciphertext = null, link_key_id = null
     where id = any (ids) and claimed_by = node and state = 'SENDING';
    get diagnostics marked = row_count;
    perform set_config('app.outbox_dispatcher', '', true);
    return marked;
end
$$;
