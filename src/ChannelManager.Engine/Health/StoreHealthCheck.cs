using ChannelManager.Engine.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ChannelManager.Engine.Health;

/// <summary>The store's health: the in-memory stores are healthy while the process runs; PostgreSQL must answer a query.</summary>
internal sealed class StoreHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<PostgresStoreContext>() is not { } postgres)
        {
            return HealthCheckResult.Healthy("In-memory stores.");
        }

        try
        {
            await using var command = postgres.DataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("PostgreSQL answered.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The exception's type only: a connection error's message may name the host or user.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer: " + ex.GetType().Name);
        }
    }
}
