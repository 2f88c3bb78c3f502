using ChannelManager.Engine.Sync;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Storage.Tests;

/// <summary>
/// Two worker processes (two containers, two data sources) never push one connection at the same time: the second
/// waits for the first's lock, other connections do not wait, and a lock whose session dies is released. Found by the
/// chaos run: without it a push that read an older ledger state could land after a newer one.
/// </summary>
public sealed class ConnectionPushLockTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_process_waits_for_the_first_ones_push_of_the_same_connection_only()
    {
        await using var first = Worker();
        await using var second = Worker();
        var firstLock = first.GetRequiredService<IConnectionPushLock>();
        var secondLock = second.GetRequiredService<IConnectionPushLock>();
        Assert.IsNotType<InProcessConnectionPushLock>(firstLock);
        var connection = Guid.NewGuid();

        var held = await firstLock.AcquireAsync("t", connection, Ct);
        var waiting = secondLock.AcquireAsync("t", connection, Ct);
        await using (var other = await secondLock.AcquireAsync("t", Guid.NewGuid(), Ct))
        {
            // Another connection's lock is free while the first one is held.
        }

        await Task.Delay(500, Ct);
        Assert.False(waiting.IsCompleted, "the second process waits while the first one pushes");
        await held.DisposeAsync();
        await using var secondHeld = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task A_lock_whose_process_died_is_free()
    {
        var connection = Guid.NewGuid();
        var name = "dying-" + Guid.NewGuid().ToString("N")[..8];
        await using var dead = Worker(name);
        _ = await dead.GetRequiredService<IConnectionPushLock>().AcquireAsync("t", connection, Ct);

        // The process dies (SIGKILL) without releasing: PostgreSQL ends its sessions.
        await using (var kill = db.AdminDataSource.CreateCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1"))
        {
            kill.Parameters.AddWithValue(name);
            Assert.True((long)(await kill.ExecuteScalarAsync(Ct))! >= 1);
        }

        await using var survivor = Worker();
        await using var held = await survivor.GetRequiredService<IConnectionPushLock>().AcquireAsync("t", connection, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    private ServiceProvider Worker(string? name = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelManager().UsePostgres(o =>
        {
            o.ConnectionString = db.ConnectionString + ";Application Name=" + (name ?? "worker");
            o.ApplyMigrationsOnStart = false;
        }).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
        return services.BuildServiceProvider();
    }
}
