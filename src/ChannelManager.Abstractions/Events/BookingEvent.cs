using System.Text.Json.Serialization;

namespace ChannelManager.Events;

/// <summary>The fields every booking event carries.</summary>
public abstract record BookingEvent : PmsEvent
{
    /// <summary>The booking's id in the PMS (or <c>{platform}:{code}</c> for an imported one).</summary>
    public required string BookingId { get; init; }

    /// <summary>The first night.</summary>
    public required DateOnly CheckIn { get; init; }

    /// <summary>The check-out day (exclusive).</summary>
    public required DateOnly CheckOut { get; init; }

    /// <summary>Units the stay takes (1 for a holiday home).</summary>
    public int Units { get; init; } = 1;

    /// <summary>Where the booking was made: <c>direct</c> or a platform's wire name.</summary>
    public string Source { get; init; } = "direct";

    /// <summary>The connection the booking came from, if it came from a platform; fan-out skips it.</summary>
    public Guid? SourceConnectionId { get; init; }

    /// <summary>The booking's status as the PMS knows it (informational).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}
