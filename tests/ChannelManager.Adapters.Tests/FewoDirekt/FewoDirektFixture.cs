using System.Globalization;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

/// <summary>A service provider with only the FeWo-direkt adapter registered, the way a host does it.</summary>
internal sealed class FewoDirektScope : IAsyncDisposable
{
    private FewoDirektScope(ServiceProvider provider)
    {
        Provider = provider;
        Adapter = provider.GetServices<IChannelAdapter>().Single();
    }

    public ServiceProvider Provider { get; }

    public IChannelAdapter Adapter { get; }

    public IChannelCalendarReader Reader => (IChannelCalendarReader)Adapter;

    public static FewoDirektScope Create(Uri baseUrl, Action<FewoDirektOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var collection = new ServiceCollection();
        if (timeProvider is not null)
        {
            collection.AddSingleton(timeProvider);
        }

        new TestChannelManagerBuilder(collection).AddFewoDirekt(o =>
        {
            o.BaseUrl = baseUrl;
            o.ClientId = FewoDirektTestData.ClientId;
            o.ClientSecret = FewoDirektTestData.ClientSecret;
            o.WebhookSecret = FewoDirektTestData.WebhookSecret;
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<FewoDirektOptions>>().Value;
        return new FewoDirektScope(provider);
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

/// <summary>One in-process simulator and one FeWo-direkt adapter, shared by the tests of a class.</summary>
public sealed class FewoDirektFixture : IAsyncLifetime
{
    private FewoDirektScope? _scope;

    public PlatformSimulator Simulator { get; private set; } = null!;

    public IChannelAdapter Adapter => _scope!.Adapter;

    internal FewoDirektScope Scope => _scope!;

    public async ValueTask InitializeAsync()
    {
        Simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions
            {
                FewoDirekt = { ClientId = FewoDirektTestData.ClientId, ClientSecret = FewoDirektTestData.ClientSecret, WebhookSecret = FewoDirektTestData.WebhookSecret },
            },
            TestContext.Current.CancellationToken);
        _scope = FewoDirektScope.Create(Simulator.FewoDirektBaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scope is not null)
        {
            await _scope.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    /// <summary>The FeWo-direkt calls that concern one listing (by path or body).</summary>
    public IReadOnlyList<RecordedCall> CallsFor(string listingId) =>
        Simulator.State.CallsFor(Platform.FewoDirekt)
            .Where(c => c.PathAndQuery.Contains("/" + listingId + "/", StringComparison.Ordinal) || c.RequestBody.Contains(">" + listingId + "<", StringComparison.Ordinal))
            .ToArray();
}

/// <summary>Unique listing ids and connections, so that tests sharing a simulator never see each other's data.</summary>
internal static class FewoDirektTestData
{
    public const string ClientId = "cm-fewo-partner";
    public const string ClientSecret = "fewo-partner-password-0123";
    public const string WebhookSecret = "fewo-webhook-secret-0123456789";

    private static long _next = Random.Shared.NextInt64(1, 10_000) * 1000;

    public static string NewListingId() => "fewo-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    public static string NewAdvertiserId() => "adv-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    public static ChannelConnection Connection(string listingId, string? advertiserId = null, string? unitId = null, string? currency = "EUR")
    {
        var metadata = new Dictionary<string, string>();
        if (advertiserId is not null)
        {
            metadata[FewoDirektMetadataKeys.AdvertiserId] = advertiserId;
        }

        if (unitId is not null)
        {
            metadata[FewoDirektMetadataKeys.UnitExternalId] = unitId;
        }

        if (currency is not null)
        {
            metadata[FewoDirektMetadataKeys.Currency] = currency;
        }

        return new ChannelConnection
        {
            Id = Guid.NewGuid(),
            TenantId = "tenant-1",
            PropertyId = Guid.NewGuid(),
            Platform = Platform.FewoDirekt,
            PlatformListingId = listingId,
            Credentials = new ChannelCredentials("unused-partner-credentials-are-per-adapter"),
            PlatformMetadata = metadata,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }
}
