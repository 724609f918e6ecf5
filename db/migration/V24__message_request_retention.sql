-- A send API request is kept as long as its deliveries are (mailroom.outbox.retention), so an Idempotency-Key
-- answers retries for as long as Deliveries shows the mail, and the table does not grow for ever. The outbox's
-- hourly purge deletes them, as the dispatcher, which may see and delete requests and nothing else of them.
create policy message_request_dispatcher on message_request
    using (current_setting('app.outbox_dispatcher', true) = 'on');
