using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql.Outbox;

/// <summary>
/// Keeps one dedicated connection <c>LISTEN</c>ing on the outbox's notification channel and wakes the relay on every
/// notification, so a committed event is published at once instead of at the next poll. When the connection is lost
/// (PostgreSQL restarted, network failure) it reconnects with backoff, and wakes the relay once it listens again, in
/// case a notification was missed meanwhile. An idle connection is checked every <see cref="KeepAliveInterval"/>.
/// </summary>
internal sealed class OutboxListener : BackgroundService
{
    internal static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    private readonly NpgsqlDataSource _dataSource;
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxListener> _logger;
    private readonly string _channel;
    private int _listening;

    public OutboxListener(PostgresStoreContext context, OutboxSignal signal, ILogger<OutboxListener> logger)
    {
        _dataSource = context.DataSource;
        _signal = signal;
        _time = context.Time;
        _logger = logger;
        _channel = context.NotifyChannel;
    }

    /// <summary>Whether the listening connection is up.</summary>
    public bool IsListening => Volatile.Read(ref _listening) == 1;

    /// <summary>How many times a listening connection was established (the first included).</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"listen \"{_channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                Volatile.Write(ref _listening, 1);
                Connections++;
                if (failures > 0)
                {
                    _logger.LogInformation("Listening for outbox notifications again after {Failures} failed attempts", failures);
                    failures = 0;
                }

                // Anything committed while nobody listened is picked up now.
                _signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(KeepAliveInterval, stoppingToken).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("select 1", connection);
                        await ping.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _listening, 0);
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures - 1, 10))));
                _logger.LogWarning(ex, "The outbox notification listener lost its connection (attempt {Attempt}); reconnecting in {Delay}", failures, delay);

                // The relay polls meanwhile; wake it so it notices the outage (or the recovery) at once.
                _signal.Notify();
                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            finally
            {
                Volatile.Write(ref _listening, 0);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e) => _signal.Notify();
}
