-- The last failure of a message as the Deliveries page explains it: a translation key beside the server's
-- own words (last_error), so the page can say it in the admin's language.
alter table outbox_message add column last_error_key text;
