-- V009: row-level security, the second wall between tenants (the first is the tenant filter in every query).
-- Every table that holds a tenant's rows gets one policy: a row is visible and writable only when its tenant_id
-- equals the transaction's channel_manager.tenant_id setting, or when the transaction works across tenants
-- (channel_manager.all_tenants = 'on': the engine's inbox, outbox relay, routing by listing, pruning). The stores set
-- both with set_config(..., is_local => true) as the first statement of each transaction (PostgresTenantScope); with
-- neither set a statement sees nothing. FORCE applies the policies to the tables' owner too, so only a superuser or a
-- role with BYPASSRLS could read past them, and the store refuses to start as such a role
-- (PostgresOptions.AllowRowLevelSecurityBypass).

do $rls$
declare
    tenant_table text;
begin
    foreach tenant_table in array array[
        'channel_connections', 'sync_logs', 'webhook_inbox', 'processed_events', 'ledger_bookings', 'ledger_nights',
        'dirty_marks', 'outbox', 'conflicts',
        -- An unmapped reservation's tenant is unknown (null) until its listing is connected: such rows are visible
        -- only across tenants (the operators' view).
        'unmapped_reservations']
    loop
        execute format('alter table %s.%I enable row level security', '${schema}', tenant_table);
        execute format('alter table %s.%I force row level security', '${schema}', tenant_table);
        execute format(
            'create policy tenant_isolation on %s.%I using (%s) with check (%s)',
            '${schema}', tenant_table,
            $q$current_setting('channel_manager.all_tenants', true) = 'on' or tenant_id = current_setting('channel_manager.tenant_id', true)$q$,
            $q$current_setting('channel_manager.all_tenants', true) = 'on' or tenant_id = current_setting('channel_manager.tenant_id', true)$q$);
    end loop;
end
$rls$;
