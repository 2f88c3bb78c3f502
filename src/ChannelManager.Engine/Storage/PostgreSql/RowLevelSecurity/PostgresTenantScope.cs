using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;

/// <summary>
/// Which tenant's rows a transaction may read and write under the row-level security policies of V009: one tenant
/// (every tenant-scoped call: the API's reads and writes, the engine's work on one event) or all tenants (the
/// engine's cross-tenant work that no tenant owns: routing a webhook by its listing, the inbox, the outbox relay,
/// scheduled pulls, retention pruning). Set per transaction with <c>set_config(…, is_local =&gt; true)</c> as the first
/// statement of the same implicit or explicit transaction, so a pooled connection never carries a scope over.
/// With no scope set a policy matches nothing: a statement that forgot its scope sees no row at all.
/// </summary>
internal readonly record struct PostgresTenantScope
{
    /// <summary>The session setting holding the tenant of the current transaction.</summary>
    public const string TenantSetting = "channel_manager.tenant_id";

    /// <summary>The session setting that is <c>on</c> when the current transaction works across tenants.</summary>
    public const string AllTenantsSetting = "channel_manager.all_tenants";

    private PostgresTenantScope(string? tenantId) => TenantId = tenantId;

    /// <summary>The engine's cross-tenant scope.</summary>
    public static PostgresTenantScope AllTenants => default;

    /// <summary>The tenant, or <see langword="null"/> for <see cref="AllTenants"/>.</summary>
    public string? TenantId { get; }

    /// <summary>The scope of one tenant.</summary>
    /// <param name="tenantId">The tenant (not empty).</param>
    /// <returns>The scope.</returns>
    public static PostgresTenantScope Tenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return new PostgresTenantScope(tenantId);
    }

    /// <summary>One tenant's scope, or all tenants' when <paramref name="tenantId"/> is null (an operator's view).</summary>
    /// <param name="tenantId">The tenant, or <see langword="null"/>.</param>
    /// <returns>The scope.</returns>
    public static PostgresTenantScope TenantOrAll(string? tenantId) => tenantId is null ? AllTenants : Tenant(tenantId);

    /// <summary>The scope of rows to be written: their tenant's when they share one, all tenants' otherwise.</summary>
    /// <param name="tenantIds">The rows' tenants.</param>
    /// <returns>The scope.</returns>
    public static PostgresTenantScope OfRows(IEnumerable<string> tenantIds)
    {
        string? only = null;
        foreach (var tenantId in tenantIds)
        {
            if (string.IsNullOrEmpty(tenantId) || (only is not null && only != tenantId))
            {
                return AllTenants;
            }

            only = tenantId;
        }

        return only is null ? AllTenants : Tenant(only);
    }

    /// <summary>The statement that sets this scope for the rest of its transaction (it returns one row).</summary>
    /// <returns>A batch command to run first in the transaction.</returns>
    public NpgsqlBatchCommand ToCommand()
    {
        var command = new NpgsqlBatchCommand(
            $"select set_config('{TenantSetting}', @rls_tenant_id, true), set_config('{AllTenantsSetting}', @rls_all_tenants, true)");
        command.Parameters.AddValue("rls_tenant_id", TenantId ?? string.Empty).AddValue("rls_all_tenants", TenantId is null ? "on" : "off");
        return command;
    }

    /// <inheritdoc />
    public override string ToString() => TenantId is null ? "all tenants" : "tenant " + TenantId;
}
