using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters;

/// <summary>
/// Implemented by an <see cref="IChannelAdapter"/> whose platform lets a listing's calendar be read back. The engine's
/// reconciliation compares it with the ledger and pushes the nights that differ (a change made by hand in the
/// platform's extranet is healed). Platforms without a read API rely on the scheduled full sync instead.
/// </summary>
public interface IChannelCalendarReader
{
    /// <summary>Reads the listing's calendar, in as few calls as the platform allows.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="range">The nights to read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The nights the platform reported, and how many calls it took.</returns>
    Task<PlatformCalendarRead> ReadCalendarAsync(ChannelConnection connection, DateRange range, CancellationToken cancellationToken = default);
}
