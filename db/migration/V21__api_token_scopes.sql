-- Tokens that can do only what they are for (issue 35): each token has the scopes chosen when it was made. Tokens
-- made before keep every right they had: a tenant's every tenant scope, a platform token 'tenants'.
alter table api_token add column scopes text[];
update api_token set scopes = case when tenant_id is null then array['tenants']
    else array['settings:read', 'settings:write', 'tests:run', 'deliveries', 'users', 'mail:send'] end;
alter table api_token alter column scopes set not null;
alter table api_token add constraint api_token_scopes_known check (
    cardinality(scopes) > 0
    and scopes <@ array['settings:read', 'settings:write', 'tests:run', 'deliveries', 'users', 'mail:send', 'tenants']);
