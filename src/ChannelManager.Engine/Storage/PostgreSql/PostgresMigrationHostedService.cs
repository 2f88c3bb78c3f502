using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Applies pending migrations in <see cref="StartingAsync"/>, which the host runs before any hosted service's
/// <c>StartAsync</c>, so no worker touches a table before it exists, then checks that row-level security binds this
/// process (<see cref="PostgresRowLevelSecurityCheck"/>). A failure stops the host from starting.
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
        if (_options.ApplyMigrationsOnStart)
        {
            if (string.IsNullOrWhiteSpace(_options.MigrationsConnectionString))
            {
                await MigrateAsync(_dataSource, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Migrate as the owner, then let the application's role use the tables (and nothing more).
                await using var owner = NpgsqlDataSource.Create(_options.MigrationsConnectionString);
                await MigrateAsync(owner, cancellationToken).ConfigureAwait(false);
                var applicationRole = new NpgsqlConnectionStringBuilder(_options.ConnectionString).Username;
                if (!string.IsNullOrEmpty(applicationRole))
                {
                    await PostgresMigrator.GrantDataAccessAsync(owner, _options.Schema, applicationRole, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await PostgresRowLevelSecurityCheck.EnsureEnforcedAsync(_dataSource, _options, _logger, cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var applied = await PostgresMigrator.MigrateAsync(dataSource, _options.Schema, _logger, cancellationToken).ConfigureAwait(false);
        if (applied.Count == 0)
        {
            _logger.LogDebug("PostgreSQL schema {Schema} is up to date", _options.Schema);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
