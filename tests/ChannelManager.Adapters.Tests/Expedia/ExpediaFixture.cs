using System.Globalization;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Calls;
using ChannelManager.Simulator.Expedia;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>A service provider with only the Expedia adapter registered, the way a host does it.</summary>
internal sealed class ExpediaScope : IAsyncDisposable
{
    private ExpediaScope(ServiceProvider provider)
    {
        Provider = provider;
        Adapter = provider.GetServices<IChannelAdapter>().Single();
    }

    public ServiceProvider Provider { get; }

    public IChannelAdapter Adapter { get; }

    public IReservationAcknowledger Acknowledger => (IReservationAcknowledger)Adapter;

    public static ExpediaScope Create(Uri baseUrl, Action<ExpediaOptions>? configure = null, TimeProvider? timeProvider = null, ILoggerProvider? logs = null)
    {
        var collection = new ServiceCollection();
        if (logs is not null)
        {
            collection.AddLogging(b => b.AddProvider(logs));
        }

        if (timeProvider is not null)
        {
            collection.AddSingleton(timeProvider);
        }

        new TestChannelManagerBuilder(collection).AddExpedia(o =>
        {
            o.BaseUrl = baseUrl;
            o.Username = ExpediaTestData.Username;
            o.Password = ExpediaTestData.Password;
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<ExpediaOptions>>().Value;
        return new ExpediaScope(provider);
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

/// <summary>One in-process simulator and one Expedia adapter, shared by the tests of a class.</summary>
public sealed class ExpediaFixture : IAsyncLifetime
{
    private ExpediaScope? _scope;

    public PlatformSimulator Simulator { get; private set; } = null!;

    public IChannelAdapter Adapter => _scope!.Adapter;

    internal ExpediaScope Scope => _scope!;

    public async ValueTask InitializeAsync()
    {
        Simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { Expedia = { Username = ExpediaTestData.Username, Password = ExpediaTestData.Password } },
            TestContext.Current.CancellationToken);
        _scope = ExpediaScope.Create(Simulator.ExpediaBaseAddress);
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

    /// <summary>The Expedia calls that concern one property (by body).</summary>
    public IReadOnlyList<RecordedCall> CallsFor(string hotelId) =>
        Simulator.State.CallsFor(Platform.Expedia).Where(c => c.RequestBody.Contains($"<Hotel id=\"{hotelId}\"", StringComparison.Ordinal)).ToArray();
}

/// <summary>Unique property ids and connections, so that tests sharing a simulator never see each other's data.</summary>
internal static class ExpediaTestData
{
    public const string Username = "cm-eqc-user";
    public const string Password = "eqc-password-0123456789";
    public const string RoomTypeId = "201357";
    public const string RatePlanId = "201547528A";

    private static long _nextHotel = 3_000_000 + (Random.Shared.NextInt64(1, 10_000) * 100);

    public static string NewHotelId() => Interlocked.Increment(ref _nextHotel).ToString(CultureInfo.InvariantCulture);

    public static string Key(string hotelId, string roomTypeId = RoomTypeId) => ExpediaState.ListingKey(hotelId, roomTypeId);

    public static string Listing(string hotelId, string roomTypeId = RoomTypeId) => ExpediaListingIds.Of(hotelId, roomTypeId);

    /// <summary>A connection of one room type, listing <c>{hotel}:{room type}</c> (or <paramref name="listingId"/> as given).</summary>
    public static ChannelConnection Connection(string hotelId, string roomTypeId = RoomTypeId, string? ratePlanId = RatePlanId, string? currency = "EUR", string? metadataRoomTypeId = null, string? listingId = null)
    {
        var metadata = new Dictionary<string, string>();
        if (metadataRoomTypeId is not null)
        {
            metadata[ExpediaMetadataKeys.RoomTypeId] = metadataRoomTypeId;
        }

        if (ratePlanId is not null)
        {
            metadata[ExpediaMetadataKeys.RatePlanId] = ratePlanId;
        }

        if (currency is not null)
        {
            metadata[ExpediaMetadataKeys.Currency] = currency;
        }

        return new ChannelConnection
        {
            Id = Guid.NewGuid(),
            TenantId = "tenant-1",
            PropertyId = Guid.NewGuid(),
            Platform = Platform.Expedia,
            PlatformListingId = listingId ?? ExpediaListingIds.Of(hotelId, roomTypeId),
            Credentials = new ChannelCredentials("unused-eqc-credentials-are-per-adapter"),
            PlatformMetadata = metadata,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }
}
