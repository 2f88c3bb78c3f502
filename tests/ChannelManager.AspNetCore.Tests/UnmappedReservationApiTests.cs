using System.Net;
using System.Text.Json;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Unmapped;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// A booking for a listing nobody connected is kept and visible to the host's operators (<c>/operations/unmapped-reservations</c>,
/// across tenants), imported once the listing is connected, and then visible to the connecting tenant; a tenant never
/// sees another tenant's records, and nobody sees the guest's contact data.
/// </summary>
public sealed class UnmappedReservationApiTests(ChannelManagerApp app) : IClassFixture<ChannelManagerApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_airbnb_booking_for_an_unconnected_listing_is_shown_to_operators_and_imported_when_the_listing_is_connected()
    {
        var listing = "UNMAPPED" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var checkIn = Today.AddDays(50);
        var result = await app.Simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest
        {
            ListingId = listing, StartDate = checkIn, Nights = 2, Currency = "EUR", WebhookUrl = app.AirbnbWebhookUrl, RequireAvailability = false,
        }, Ct);
        Assert.Equal(200, result.WebhookStatusCode);
        var code = result.Reservation.ConfirmationCode;

        JsonElement record = default;
        await Eventually.TrueAsync(
            async () => (record = await FindAsync("operations/unmapped-reservations?platform=airbnb&state=open", code)).ValueKind == JsonValueKind.Object,
            "the operators see the unmapped reservation");
        var id = record.GetProperty("id").GetString();
        Assert.Equal(listing, record.GetProperty("listing_id").GetString());
        Assert.Equal("webhook", record.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("tenant_id").ValueKind);
        AssertNoGuestData(record);

        // Nobody's record: no tenant sees it.
        Assert.Equal(JsonValueKind.Undefined, (await FindAsync("unmapped-reservations", code)).ValueKind);
        await Problem.AssertAsync(await app.Client.GetAsync($"unmapped-reservations/{id}", Ct), HttpStatusCode.NotFound);
        Assert.Equal(code, (await GetAsync($"operations/unmapped-reservations/{id}")).GetProperty("confirmation_code").GetString());

        var connection = await app.CreateConnectionAsync(Guid.NewGuid(), listing);
        await Eventually.TrueAsync(
            async () => await app.Client.GetAsync($"unmapped-reservations/{id}", Ct) is { StatusCode: HttpStatusCode.OK } r &&
                JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("state").GetString() == "imported",
            "connecting the listing imported the booking, and the record is the connecting tenant's");
        var imported = await GetAsync($"unmapped-reservations/{id}");
        Assert.Equal(connection.GetProperty("id").GetString(), imported.GetProperty("imported_connection_id").GetString());
        Assert.Equal("default", imported.GetProperty("tenant_id").GetString());
        Assert.Contains(app.Get<Engine.Bookings.InMemoryPmsBookingSink>().Received, b => b.Reservation.ConfirmationCode == code);
        await Problem.AssertAsync(await app.Client.PostAsync($"unmapped-reservations/{id}/dismiss", null, Ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_tenant_sees_and_dismisses_only_its_own_records_and_the_operations_group_sees_all_of_them()
    {
        var store = app.Get<IUnmappedReservationStore>();
        var mine = await SeedAsync(store, "default");
        var theirs = await SeedAsync(store, "someone-else");
        var nobodys = await SeedAsync(store, null);

        var list = await GetAsync("unmapped-reservations?platform=booking_com&limit=500");
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(mine.Id, ids);
        Assert.DoesNotContain(theirs.Id, ids);
        Assert.DoesNotContain(nobodys.Id, ids);
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == mine.Id);
        Assert.Equal("77:2", item.GetProperty("listing_id").GetString());
        Assert.Equal("77", item.GetProperty("parent_listing_id").GetString());
        Assert.Equal(250.5m, item.GetProperty("total_amount").GetDecimal());
        Assert.Equal("confirmed", item.GetProperty("reservation_status").GetString());
        Assert.Equal(mine.Reservation!.Stay.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), item.GetProperty("check_in").GetString());
        AssertNoGuestData(item);

        await Problem.AssertAsync(await app.Client.GetAsync($"unmapped-reservations/{theirs.Id}", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await app.Client.PostAsync($"unmapped-reservations/{theirs.Id}/dismiss", null, Ct), HttpStatusCode.NotFound);
        Assert.Equal(UnmappedReservationState.Open, (await store.GetAsync(null, theirs.Id, Ct))!.State);

        var all = await GetAsync("operations/unmapped-reservations?platform=booking_com&state=open&limit=500");
        var allIds = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(mine.Id, allIds);
        Assert.Contains(theirs.Id, allIds);
        Assert.Contains(nobodys.Id, allIds);
        Assert.Equal("someone-else", (await GetAsync($"operations/unmapped-reservations/{theirs.Id}")).GetProperty("tenant_id").GetString());

        var dismissed = await PostAsync($"unmapped-reservations/{mine.Id}/dismiss");
        Assert.Equal("dismissed", dismissed.GetProperty("state").GetString());
        Assert.Equal("dismissed", (await PostAsync($"unmapped-reservations/{mine.Id}/dismiss")).GetProperty("state").GetString());
        Assert.Equal("dismissed", (await PostAsync($"operations/unmapped-reservations/{nobodys.Id}/dismiss")).GetProperty("state").GetString());
        var open = await GetAsync("unmapped-reservations?state=open&limit=500");
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == mine.Id);
    }

    [Theory]
    [InlineData("unmapped-reservations?state=maybe", "state")]
    [InlineData("unmapped-reservations?platform=myspace", "platform")]
    [InlineData("unmapped-reservations?limit=0", "limit")]
    [InlineData("unmapped-reservations?cursor=!!", "cursor")]
    [InlineData("operations/unmapped-reservations?state=OPEN", "state")]
    [InlineData("operations/unmapped-reservations?offset=-1", "offset")]
    public async Task Bad_list_parameters_answer_400_naming_the_field(string url, string field) =>
        await Problem.AssertFieldsAsync(await app.Client.GetAsync(url, Ct), field);

    [Theory]
    [InlineData("unmapped-reservations/00000000-0000-0000-0000-000000000001")]
    [InlineData("unmapped-reservations/not-a-guid")]
    [InlineData("operations/unmapped-reservations/00000000-0000-0000-0000-000000000001")]
    [InlineData("operations/unmapped-reservations/not-a-guid")]
    public async Task Unknown_records_answer_404(string url)
    {
        await Problem.AssertAsync(await app.Client.GetAsync(url, Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await app.Client.PostAsync(url + "/dismiss", null, Ct), HttpStatusCode.NotFound);
    }

    private static void AssertNoGuestData(JsonElement record)
    {
        var text = record.GetRawText();
        foreach (var field in new[] { "guest", "name", "email", "phone", "first_name", "last_name" })
        {
            Assert.False(record.TryGetProperty(field, out _), $"{field} in {text}");
        }

        Assert.DoesNotContain("ada@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", text, StringComparison.Ordinal);
    }

    private static async Task<UnmappedReservation> SeedAsync(IUnmappedReservationStore store, string? tenant)
    {
        var code = "BC" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var reservation = new PlatformReservation
        {
            Platform = Platform.BookingCom,
            ConfirmationCode = code,
            ListingId = "77:2",
            Stay = new DateRange(Today.AddDays(30), Today.AddDays(33)),
            Status = BookingStatus.Confirmed,
            Guest = new GuestDetails("Ada", "Lovelace", "ada@example.com", "+44 20 1234"),
            TotalAmount = 250.5m,
            Currency = "EUR",
        };
        return (await store.RecordSightingAsync(new UnmappedReservation
        {
            Id = Guid.NewGuid(),
            Platform = Platform.BookingCom,
            ListingId = "77:2",
            ParentListingId = "77",
            ConfirmationCode = code,
            DedupeKey = "reservation:" + code,
            Reservation = reservation,
            Source = UnmappedReservationSource.Pull,
            TenantId = tenant,
            FirstSeenAt = now,
            LastSeenAt = now,
        }, Ct)).Record;
    }

    private async Task<JsonElement> FindAsync(string url, string code)
    {
        var list = await GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=500");
        return list.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("confirmation_code").GetString() == code);
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await app.Client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> PostAsync(string url)
    {
        var response = await app.Client.PostAsync(url, null, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
