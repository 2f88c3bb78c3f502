using ChannelManager.Events;

namespace ChannelManager.Transport.Tests;

internal static class TestEvents
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A <c>pricing.updated</c> whose rate identifies the event in a <see cref="RecordingLedger"/>.</summary>
    public static PricingUpdated Pricing(decimal rate) => new() { From = Today.AddDays(1), To = Today.AddDays(3), Rate = rate, Currency = "EUR" };

    public static EventEnvelope Envelope(PmsEvent payload, Guid? property = null) => new()
    {
        EventId = Guid.NewGuid(), TenantId = "t", PropertyId = property ?? Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Payload = payload,
    };
}
