using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.Testing.PmsHistories;

/// <summary>
/// One event of a history as the PMS publishes it: the index of its step, payload and per-aggregate version (per
/// booking; per property for rates and availability). For a booking made on a platform,
/// <see cref="SourceConnection"/> is the index of the case's connection it comes from and <see cref="PlatformStay"/>
/// the stay the platform itself holds after it (null once cancelled); <see cref="Units"/> are the booking's units.
/// </summary>
public sealed record ScriptedPmsEvent(int Step, PmsEvent Payload, long Version, int? SourceConnection, DateRange? PlatformStay, int Units)
{
    public string? BookingId => (Payload as BookingEvent)?.BookingId;
}
