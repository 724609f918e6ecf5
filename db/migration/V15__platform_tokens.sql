-- Platform tokens: an operator's, for scripts that provision and watch tenants. They belong to no tenant and act
-- with the rights of the operator who made them. A token has exactly one owner: a tenant admin or an operator.
alter table api_token alter column tenant_id drop not null;
alter table api_token alter column created_by drop not null;
alter table api_token add column created_by_operator uuid references platform_operator (id) on delete cascade;
alter table api_token add constraint api_token_one_owner check (
    (tenant_id is not null and created_by is not null and created_by_operator is null)
    or (tenant_id is null and created_by is null and created_by_operator is not null));
create index api_token_platform_idx on api_token (created_at desc) where tenant_id is null;

-- Operators manage platform tokens (and only those) while a transaction says it acts for an operator
-- (TenantContext.callAsOperator, behind the operators' own role check). Tenants' tokens stay out of reach.
create policy api_token_platform on api_token
    using (tenant_id is null and current_setting('app.operator', true) = 'on')
    with check (tenant_id is null and current_setting('app.operator', true) = 'on');
