using ChannelManager.Engine.Transport.RedisStreams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

/// <summary>
/// The Redis processed-event store as Redis sees it: UUIDv7 ids as members of one set per minute with a TTL, other
/// ids as keys of their own, and a mark made by one process visible to another (fresh caches).
/// </summary>
public sealed class ProcessedEventStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (RedisProcessedEventStore Store, RedisStreamsConnection Connection) NewStore(string stream)
    {
        var options = Options.Create(new RedisStreamsOptions { ConnectionString = redis.ConnectionString, StreamName = stream, ProcessedEventRetention = Retention });
        var connection = new RedisStreamsConnection(options, NullLoggerFactory.Instance);
        return (new RedisProcessedEventStore(connection, options, TimeProvider.System), connection);
    }

    private static Guid V7At(DateTimeOffset at) => Guid.CreateVersion7(at);

    [Fact]
    public async Task A_uuidv7_mark_lands_in_the_set_of_its_minute_with_a_ttl_and_is_seen_by_another_process()
    {
        var stream = RedisServerFixture.NewStream();
        var (a, ca) = NewStore(stream);
        var (b, cb) = NewStore(stream);
        await using var disposeA = ca;
        await using var disposeB = cb;
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var id = V7At(at);

        Assert.False(await b.IsProcessedAsync(id, Ct));
        Assert.True(await a.MarkProcessedAsync(id, Ct));
        Assert.False(await a.MarkProcessedAsync(id, Ct)); // this process already recorded it

        RedisKey set = $"{stream}:processed:m:{at.ToUnixTimeMilliseconds() / 60_000}";
        await Eventually.TrueAsync(async () => await redis.Db.SetLengthAsync(set) == 1, "the mark reached Redis");
        var bytes = new byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        Assert.True(await redis.Db.SetContainsAsync(set, bytes));
        var ttl = await redis.Db.KeyTimeToLiveAsync(set);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, Retention - TimeSpan.FromMinutes(4), Retention); // the minute ended ~2 min ago
        Assert.False(await redis.Db.KeyExistsAsync($"{stream}:processed:{id:N}"));

        Assert.True(await b.IsProcessedAsync(id, Ct)); // another process, no cache: asks Redis
        Assert.False(await b.IsProcessedAsync(V7At(at), Ct));
    }

    [Fact]
    public async Task Ids_that_are_not_uuidv7_or_have_an_implausible_time_get_a_key_of_their_own()
    {
        var stream = RedisServerFixture.NewStream();
        var (a, ca) = NewStore(stream);
        var (b, cb) = NewStore(stream);
        await using var disposeA = ca;
        await using var disposeB = cb;
        var random = Guid.NewGuid();
        var future = V7At(DateTimeOffset.UtcNow.AddYears(5));

        await a.MarkProcessedAsync(random, Ct);
        await a.MarkProcessedAsync(future, Ct);

        foreach (var id in new[] { random, future })
        {
            RedisKey key = $"{stream}:processed:{id:N}";
            await Eventually.TrueAsync(async () => await redis.Db.KeyExistsAsync(key), $"the mark of {id} reached Redis");
            var ttl = await redis.Db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, Retention - TimeSpan.FromMinutes(1), Retention);
            Assert.True(await b.IsProcessedAsync(id, Ct));
        }
    }

    [Fact]
    public async Task A_prefetched_batch_of_mixed_ids_answers_each_id_correctly()
    {
        var stream = RedisServerFixture.NewStream();
        var (a, ca) = NewStore(stream);
        var (b, cb) = NewStore(stream);
        await using var disposeA = ca;
        await using var disposeB = cb;
        var now = DateTimeOffset.UtcNow;
        var handled = new[] { V7At(now.AddMinutes(-10)), V7At(now), Guid.NewGuid() };
        var fresh = new[] { V7At(now.AddMinutes(-10)), V7At(now), Guid.NewGuid() };
        foreach (var id in handled)
        {
            await a.MarkProcessedAsync(id, Ct);
        }

        var db = (await ca.GetAsync()).GetDatabase();
        a.FlushMarks(db);
        await Eventually.TrueAsync(async () => await redis.Db.KeyExistsAsync($"{stream}:processed:{handled[2]:N}"), "the marks reached Redis");

        // Interleaved, as a read batch would be; the other process prefetches and then asks id by id.
        Guid[] batch = [handled[0], fresh[0], handled[1], fresh[1], handled[2], fresh[2]];
        await b.Prefetch((await cb.GetAsync()).GetDatabase(), batch);
        for (var i = 0; i < batch.Length; i++)
        {
            Assert.Equal(i % 2 == 0, await b.IsProcessedAsync(batch[i], Ct));
        }
    }
}
