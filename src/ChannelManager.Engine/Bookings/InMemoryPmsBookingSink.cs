using System.Collections.Concurrent;
using ChannelManager.Bookings;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Bookings;

/// <summary>
/// The embedded-default <see cref="IPmsBookingSink"/>: keeps every imported booking version in memory, once per
/// idempotency key, so a host without its own PMS (the sample, tests) can see what was imported. A real PMS
/// registers its own sink, which replaces this one.
/// </summary>
public sealed class InMemoryPmsBookingSink : IPmsBookingSink
{
    private readonly ConcurrentDictionary<string, ImportedBooking> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ImportedBooking> _inOrder = new();
    private readonly ILogger<InMemoryPmsBookingSink> _logger;

    /// <summary>Creates the sink.</summary>
    /// <param name="logger">Logger.</param>
    public InMemoryPmsBookingSink(ILogger<InMemoryPmsBookingSink> logger) => _logger = logger;

    /// <summary>Every booking version received, oldest first, each once.</summary>
    public IReadOnlyList<ImportedBooking> Received => _inOrder.ToArray();

    /// <inheritdoc />
    public Task ReceiveAsync(ImportedBooking booking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (_byKey.TryAdd(booking.IdempotencyKey, booking))
        {
            _inOrder.Enqueue(booking);
            _logger.LogInformation(
                "PMS received {Platform} booking {BookingId} ({Status}, {Stay}) for property {PropertyId}",
                booking.Platform,
                booking.BookingId,
                booking.Reservation.Status,
                booking.Reservation.Stay,
                booking.PropertyId);
        }

        return Task.CompletedTask;
    }
}
