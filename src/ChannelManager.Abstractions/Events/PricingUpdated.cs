namespace ChannelManager.Events;

/// <summary><c>pricing.updated</c>: the nightly rate from <see cref="From"/> to <see cref="To"/> (exclusive).</summary>
public sealed record PricingUpdated : PmsEvent
{
    /// <inheritdoc />
    public override string EventType => EventTypes.PricingUpdated;

    /// <summary>The first night.</summary>
    public required DateOnly From { get; init; }

    /// <summary>The day after the last night (exclusive).</summary>
    public required DateOnly To { get; init; }

    /// <summary>The nightly rate.</summary>
    public required decimal Rate { get; init; }

    /// <summary>The ISO 4217 currency, e.g. <c>EUR</c>.</summary>
    public required string Currency { get; init; }

    /// <summary>Only the nights of the range on these days of the week (e.g. <c>["friday", "saturday"]</c>); absent for every night.</summary>
    public IReadOnlyList<DayOfWeek>? Weekdays { get; init; }
}
