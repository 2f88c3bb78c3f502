using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Applies pending migrations in <see cref="StartingAsync"/>, which the host runs before any hosted service's
/// <c>StartAsync</c>, so no worker touches a table before it exists. A failure stops the host from starting.
/// </summary>
internal sealed class PostgresMigrationHostedService : IHostedLifecycleService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresOptions _options;
    private readonly ILogger<PostgresMigrationHostedService> _logger;

    public PostgresMigrationHostedService([FromKeyedServices(PostgresServiceKeys.DataSource)] NpgsqlDataSource dataSource, IOptions<PostgresOptions> options, ILogger<PostgresMigrationHostedService> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!_options.ApplyMigrationsOnStart)
        {
            return;
        }

        var applied = await PostgresMigrator.MigrateAsync(_dataSource, _options.Schema, _logger, cancellationToken).ConfigureAwait(false);
        if (applied.Count == 0)
        {
            _logger.LogDebug("PostgreSQL schema {Schema} is up to date", _options.Schema);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
