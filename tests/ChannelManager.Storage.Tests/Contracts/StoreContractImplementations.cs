using ChannelManager.Conflicts;
using ChannelManager.Connections;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using ChannelManager.Unmapped;
using ChannelManager.Webhooks;

namespace ChannelManager.Storage.Tests.Contracts;

// Each contract runs against the in-memory store (the embedded default, the reference semantics) and the PostgreSQL
// store. Every PostgreSQL class has its own database; its tests run one after another and start on empty tables.

public sealed class InMemoryConnectionStoreTests : ConnectionStoreContract
{
    protected override Task<IChannelConnectionStore> CreateStoreAsync() => Task.FromResult<IChannelConnectionStore>(new InMemoryChannelConnectionStore());
}

public sealed class PostgresConnectionStoreTests(PostgresDatabase db) : ConnectionStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IChannelConnectionStore> CreateStoreAsync()
    {
        await db.TruncateAsync("channel_connections");
        return new PostgresChannelConnectionStore(db.Context(), TestCodecs.Codec());
    }
}

public sealed class InMemorySyncLogStoreTests : SyncLogStoreContract
{
    protected override Task<ISyncLogStore> CreateStoreAsync() => Task.FromResult<ISyncLogStore>(new InMemorySyncLogStore());
}

public sealed class PostgresSyncLogStoreTests(PostgresDatabase db) : SyncLogStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<ISyncLogStore> CreateStoreAsync()
    {
        await db.TruncateAsync("sync_logs");
        return new PostgresSyncLogStore(db.Context());
    }
}

public sealed class InMemoryConflictStoreTests : ConflictStoreContract
{
    protected override Task<IConflictStore> CreateStoreAsync() => Task.FromResult<IConflictStore>(new InMemoryConflictStore());
}

public sealed class PostgresConflictStoreTests(PostgresDatabase db) : ConflictStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IConflictStore> CreateStoreAsync()
    {
        await db.TruncateAsync("conflicts");
        return new PostgresConflictStore(db.Context());
    }
}

public sealed class InMemoryWebhookInboxTests : WebhookInboxContract
{
    protected override Task<IWebhookInbox> CreateStoreAsync() => Task.FromResult<IWebhookInbox>(new InMemoryWebhookInbox());
}

public sealed class PostgresWebhookInboxTests(PostgresDatabase db) : WebhookInboxContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IWebhookInbox> CreateStoreAsync()
    {
        await db.TruncateAsync("webhook_inbox");
        return new PostgresWebhookInbox(db.Context());
    }

    [Fact]
    public async Task A_processed_entry_belongs_to_the_tenant_whose_connection_took_it()
    {
        var inbox = await CreateStoreAsync();
        var (taken, dropped) = (Entry(Platform.Airbnb, "taken"), Entry(Platform.Airbnb, "dropped"));
        Assert.True(await inbox.TryAddAsync(taken, TestContext.Current.CancellationToken));
        Assert.True(await inbox.TryAddAsync(dropped, TestContext.Current.CancellationToken));

        await inbox.MarkProcessedAsync(taken.Id, "tenant-of-the-listing", TestContext.Current.CancellationToken);
        await inbox.MarkProcessedAsync(dropped.Id, null, TestContext.Current.CancellationToken);

        Assert.Equal("tenant-of-the-listing", await db.ScalarAsync<string>("select tenant_id from channel_manager.webhook_inbox where id = @id", ("id", taken.Id)));
        Assert.Equal(string.Empty, await db.ScalarAsync<string>("select tenant_id from channel_manager.webhook_inbox where id = @id", ("id", dropped.Id)));
    }
}

public sealed class InMemoryProcessedEventStoreTests : ProcessedEventStoreContract
{
    protected override Task<IProcessedEventStore> CreateStoreAsync() => Task.FromResult<IProcessedEventStore>(new InMemoryProcessedEventStore());
}

public sealed class PostgresProcessedEventStoreTests(PostgresDatabase db) : ProcessedEventStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IProcessedEventStore> CreateStoreAsync()
    {
        await db.TruncateAsync("processed_events");
        return new PostgresProcessedEventStore(db.Context());
    }
}

public sealed class InMemoryInventoryLedgerTests : InventoryLedgerContract
{
    protected override Task<IInventoryLedger> CreateStoreAsync() => Task.FromResult<IInventoryLedger>(new InMemoryInventoryLedger());
}

public sealed class PostgresInventoryLedgerTests(PostgresDatabase db) : InventoryLedgerContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IInventoryLedger> CreateStoreAsync()
    {
        await db.TruncateAsync("ledger_bookings", "ledger_nights");
        return new PostgresInventoryLedger(db.Context());
    }
}

public sealed class InMemoryDirtyRangeStoreTests : DirtyRangeStoreContract
{
    protected override Task<IDirtyRangeStore> CreateStoreAsync() => Task.FromResult<IDirtyRangeStore>(new InMemoryDirtyRangeStore());
}

public sealed class PostgresDirtyRangeStoreTests(PostgresDatabase db) : DirtyRangeStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IDirtyRangeStore> CreateStoreAsync()
    {
        await db.TruncateAsync("dirty_marks");
        return new PostgresDirtyRangeStore(db.Context());
    }
}

public sealed class InMemoryUnmappedReservationStoreTests : UnmappedReservationStoreContract
{
    protected override Task<IUnmappedReservationStore> CreateStoreAsync() => Task.FromResult<IUnmappedReservationStore>(new InMemoryUnmappedReservationStore());
}

public sealed class PostgresUnmappedReservationStoreTests(PostgresDatabase db) : UnmappedReservationStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IUnmappedReservationStore> CreateStoreAsync()
    {
        await db.TruncateAsync("unmapped_reservations");
        return new PostgresUnmappedReservationStore(db.Context());
    }
}
