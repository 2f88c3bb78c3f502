using System.Collections.Concurrent;
using ChannelManager.Bookings;

namespace ChannelManager.Testing;

/// <summary>
/// A PMS sink that records every call, repeats included (unlike the embedded default, which keeps one per key), so a
/// test can count how often each booking version reached the PMS; it can be told to throw on the next calls.
/// </summary>
public sealed class CountingPmsBookingSink : IPmsBookingSink
{
    private int _failuresLeft;

    /// <summary>Every call that returned normally, in order.</summary>
    public ConcurrentQueue<ImportedBooking> Calls { get; } = new();

    /// <summary>How many calls threw on purpose.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    private int _refusals;

    /// <summary>Makes the next calls throw (the PMS is down).</summary>
    /// <param name="calls">How many.</param>
    public void FailNext(int calls) => Interlocked.Exchange(ref _failuresLeft, calls);

    /// <summary>The calls for one booking id.</summary>
    /// <param name="bookingId">The ledger's booking id (<c>{platform}:{code}</c>).</param>
    /// <returns>The calls, in order.</returns>
    public IReadOnlyList<ImportedBooking> CallsFor(string bookingId) => Calls.Where(c => c.BookingId == bookingId).ToList();

    /// <inheritdoc />
    public Task ReceiveAsync(ImportedBooking booking, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref _refusals);
            throw new InvalidOperationException("the PMS is down (injected)");
        }

        Calls.Enqueue(booking);
        return Task.CompletedTask;
    }
}
