using System.Globalization;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.BookingCom.Api;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.BookingCom;
using ChannelManager.Simulator.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.BookingCom;

/// <summary>A service provider with only the Booking.com adapter registered, the way a host does it.</summary>
internal sealed class BookingComScope : IAsyncDisposable
{
    private BookingComScope(ServiceProvider provider)
    {
        Provider = provider;
        Adapter = provider.GetServices<IChannelAdapter>().Single();
    }

    public ServiceProvider Provider { get; }

    public IChannelAdapter Adapter { get; }

    public IReservationAcknowledger Acknowledger => (IReservationAcknowledger)Adapter;

    public IChannelCalendarReader Reader => (IChannelCalendarReader)Adapter;

    public BookingComTokenProvider Tokens => Provider.GetRequiredService<BookingComTokenProvider>();

    public static BookingComScope Create(Uri baseUrl, Action<BookingComOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var collection = new ServiceCollection();
        if (timeProvider is not null)
        {
            collection.AddSingleton(timeProvider);
        }

        new TestChannelManagerBuilder(collection).AddBookingCom(o =>
        {
            o.BaseUrl = baseUrl;
            o.ClientId = BookingComTestData.ClientId;
            o.ClientSecret = BookingComTestData.ClientSecret;
            o.NotificationSigningKey = BookingComTestData.SigningKey;
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<BookingComOptions>>().Value;
        return new BookingComScope(provider);
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

/// <summary>One in-process simulator and one Booking.com adapter, shared by the tests of a class.</summary>
public sealed class BookingComFixture : IAsyncLifetime
{
    private BookingComScope? _scope;

    public PlatformSimulator Simulator { get; private set; } = null!;

    public IChannelAdapter Adapter => _scope!.Adapter;

    internal BookingComScope Scope => _scope!;

    public async ValueTask InitializeAsync()
    {
        Simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { BookingCom = { ClientId = BookingComTestData.ClientId, ClientSecret = BookingComTestData.ClientSecret } },
            TestContext.Current.CancellationToken);
        _scope = BookingComScope.Create(Simulator.BookingComBaseAddress);
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

    /// <summary>The Booking.com calls that concern one hotel (by query or body).</summary>
    public IReadOnlyList<RecordedCall> CallsFor(string hotelId) =>
        Simulator.State.CallsFor(Platform.BookingCom)
            .Where(c => c.PathAndQuery.Contains(hotelId, StringComparison.Ordinal) || c.RequestBody.Contains($"\"{hotelId}\"", StringComparison.Ordinal) || c.RequestBody.Contains($">{hotelId}<", StringComparison.Ordinal))
            .ToArray();
}

/// <summary>Unique hotel ids and connections, so that tests sharing a simulator never see each other's data.</summary>
internal static class BookingComTestData
{
    public const string ClientId = "cm-bcom-machine-account";
    public const string ClientSecret = "bcom-secret-0123456789";
    public const string SigningKey = "cns-signing-key-0123456789abcdef0123456789";
    public const string RoomId = "123456701";
    public const string RatePlanId = "7654321";

    private static long _nextHotel = 2_000_000 + (Random.Shared.NextInt64(1, 10_000) * 100);

    public static string NewHotelId() => Interlocked.Increment(ref _nextHotel).ToString(CultureInfo.InvariantCulture);

    public static string Key(string hotelId, string roomId = RoomId) => BookingComState.ListingKey(hotelId, roomId);

    /// <summary>A connection of one room: listing <c>{hotel}:{room}</c> (the hotel alone when <paramref name="roomId"/> is null).</summary>
    public static ChannelConnection Connection(string hotelId, string? roomId = RoomId, string? ratePlanId = RatePlanId, string? currency = "EUR", string? metadataRoomId = null)
    {
        var metadata = new Dictionary<string, string>();
        if (metadataRoomId is not null)
        {
            metadata[BookingComMetadataKeys.RoomId] = metadataRoomId;
        }

        if (ratePlanId is not null)
        {
            metadata[BookingComMetadataKeys.RatePlanId] = ratePlanId;
        }

        if (currency is not null)
        {
            metadata[BookingComMetadataKeys.Currency] = currency;
        }

        return new ChannelConnection
        {
            Id = Guid.NewGuid(),
            TenantId = "tenant-1",
            PropertyId = Guid.NewGuid(),
            Platform = Platform.BookingCom,
            PlatformListingId = roomId is null ? hotelId : hotelId + ":" + roomId,
            Credentials = new ChannelCredentials("unused-machine-account-token-is-per-adapter"),
            PlatformMetadata = metadata,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }
}
