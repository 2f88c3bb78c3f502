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
