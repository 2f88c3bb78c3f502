using ChannelManager.Connections;

namespace ChannelManager.Adapters.Tests.Infrastructure;

/// <summary>Unique listing ids and connections, so that tests sharing a simulator never see each other's data.</summary>
internal static class TestData
{
    public const string ClientId = "cm-test-client-id";
    public const string WebhookSecret = "whsec_test_0123456789abcdef";
    public const string ClientSecret = "cm-test-client-secret";

    private static long _nextListingId = 4_000_000_000L + (Random.Shared.NextInt64(1, 1_000_000) * 1_000);

    public static string NewListingId() => Interlocked.Increment(ref _nextListingId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewToken() => "tok_" + Guid.NewGuid().ToString("N");

    public static ChannelConnection Connection(string listingId, string? token = null) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = "tenant-1",
        PropertyId = Guid.NewGuid(),
        Platform = Platform.Airbnb,
        PlatformListingId = listingId,
        Credentials = new ChannelCredentials(token ?? NewToken()),
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
