-- The sign-in lookup finds a person's memberships by the address key (app_user_login, MembershipSeats), and the
-- operator console joins sign-in locks on it: without an index both read every membership (V19 dropped the old
-- index on lower(email) that served them).
create index app_user_email_key_idx on app_user (email_key);
