using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>
/// One event of a history as the PMS publishes it: payload and per-aggregate version. For a booking made on a
/// platform, <see cref="SourceConnection"/> is the index of the case's connection it comes from and
/// <see cref="PlatformStay"/> the stay the platform itself holds after it (null once cancelled).
/// </summary>
internal sealed record ScriptedEvent(int Step, PmsEvent Payload, long Version, int? SourceConnection, DateRange? PlatformStay, int Units)
{
    public string? BookingId => (Payload as BookingEvent)?.BookingId;
}
