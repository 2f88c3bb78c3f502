using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using Npgsql;

namespace ChannelManager.SampleHost.Pms;

/// <summary>
/// The sample PMS's durable record of the bookings it received (opt-in: <see cref="EnabledSetting"/> with PostgreSQL
/// configured): each imported booking version is stored in <c>sample_pms.bookings</c> under its idempotency key, the
/// way <see cref="IPmsBookingSink"/> asks a PMS to store it — a repeat of the same key (the documented window: a crash
/// after the sink returned and before the delivery was recorded) changes no booking and only counts
/// <c>deliveries</c>. Unlike the in-memory list behind <c>GET /pms/bookings</c> (which it still feeds), it survives
/// the worker process and is shared by every worker, so the chaos run (benchmarks/ChannelManager.Chaos) can count
/// what the PMS received after killing workers. The table is not tenant data of the library (no row-level security);
/// the schema is created on first use by the database's owner role.
/// </summary>
internal sealed class DurablePmsBookingSink : IPmsBookingSink, IDisposable
{
    /// <summary>The setting that turns the durable record on (env <c>SampleHost__Pms__DurableBookings=true</c>).</summary>
    public const string EnabledSetting = "SampleHost:Pms:DurableBookings";

    private const string CreateSql = """
        select pg_advisory_xact_lock(hashtext('sample_pms.bookings'));
        create schema if not exists sample_pms;
        create table if not exists sample_pms.bookings (
            idempotency_key   text        not null primary key,
            tenant_id         text        not null,
            property_id       uuid        not null,
            connection_id     uuid        not null,
            booking_id        text        not null,
            platform          text        not null,
            confirmation_code text        not null,
            status            text        not null,
            check_in          date        not null,
            check_out         date        not null,
            overbooked        boolean     not null,
            first_received_at timestamptz not null default now(),
            deliveries        integer     not null default 1
        );
        """;

    private const string InsertSql = """
        insert into sample_pms.bookings (idempotency_key, tenant_id, property_id, connection_id, booking_id, platform, confirmation_code, status, check_in, check_out, overbooked)
        values (@key, @tenant, @property, @connection, @booking, @platform, @code, @status, @check_in, @check_out, @overbooked)
        on conflict (idempotency_key) do update set deliveries = sample_pms.bookings.deliveries + 1
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly InMemoryPmsBookingSink _inMemory;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public DurablePmsBookingSink(string connectionString, InMemoryPmsBookingSink inMemory)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _inMemory = inMemory;
    }

    public async Task ReceiveAsync(ImportedBooking booking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await EnsureTableAsync(cancellationToken);
        await using (var command = _dataSource.CreateCommand(InsertSql))
        {
            command.Parameters.AddWithValue("key", booking.IdempotencyKey);
            command.Parameters.AddWithValue("tenant", booking.TenantId);
            command.Parameters.AddWithValue("property", booking.PropertyId);
            command.Parameters.AddWithValue("connection", booking.ConnectionId);
            command.Parameters.AddWithValue("booking", booking.BookingId);
            command.Parameters.AddWithValue("platform", booking.Platform.ToWireName());
            command.Parameters.AddWithValue("code", booking.Reservation.ConfirmationCode);
            command.Parameters.AddWithValue("status", booking.Reservation.Status.ToString().ToLowerInvariant());
            command.Parameters.AddWithValue("check_in", booking.Reservation.Stay.Start);
            command.Parameters.AddWithValue("check_out", booking.Reservation.Stay.End);
            command.Parameters.AddWithValue("overbooked", booking.Overbooked);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await _inMemory.ReceiveAsync(booking, cancellationToken);
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _createLock.Dispose();
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(CreateSql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }
}
