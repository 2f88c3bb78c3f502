using System.Text.Json.Serialization;

namespace ChannelManager.Events;

/// <summary>
/// <c>booking.modified</c>: the booking's stay is now <see cref="BookingEvent.CheckIn"/>–<see cref="BookingEvent.CheckOut"/>;
/// the old nights are released and the new ones closed, as one change.
/// </summary>
public sealed record BookingModified : BookingEvent
{
    /// <inheritdoc />
    public override string EventType => EventTypes.BookingModified;

    /// <summary>
    /// The first night of the stay before this change, when the publisher knows it (optional; set together with
    /// <see cref="PreviousCheckOut"/>). Its nights are pushed to the other channels even when the ledger already holds
    /// this version, as it does for a platform booking the importer stored before its event was handled.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? PreviousCheckIn { get; init; }

    /// <summary>The check-out day (exclusive) of the stay before this change; see <see cref="PreviousCheckIn"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? PreviousCheckOut { get; init; }
}
