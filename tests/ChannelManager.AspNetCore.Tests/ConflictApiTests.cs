using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Simulator.Airbnb;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// An Airbnb guest books nights the PMS already sold: the booking is imported (the guest has paid) and the conflict
/// is visible, filterable and resolvable through <c>/conflicts</c>.
/// </summary>
public sealed class ConflictApiTests(ChannelManagerApp app) : IClassFixture<ChannelManagerApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_platform_booking_on_sold_nights_is_imported_and_shows_up_as_an_open_conflict_until_resolved()
    {
        var property = Guid.NewGuid();
        var listing = "CONFLICT" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var connection = await app.CreateConnectionAsync(property, listing);
        var connectionId = connection.GetProperty("id").GetGuid();
        await app.WaitForInitialPushAsync(connectionId);

        // The PMS sells the nights directly; the platform's guest books them before the closure lands (simulated by
        // booking on the simulator right away, whatever its calendar says).
        var checkIn = Today.AddDays(70);
        await app.Get<EventService>().PublishAsync("default", property, new BookingConfirmed { BookingId = "PMS-77", CheckIn = checkIn, CheckOut = checkIn.AddDays(3) }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => app.IsBlockedOnPlatform(listing, checkIn), "the PMS booking closed the nights");
        var result = await app.Simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest
        {
            ListingId = listing, StartDate = checkIn.AddDays(1), Nights = 2, Currency = "EUR", WebhookUrl = app.AirbnbWebhookUrl, RequireAvailability = false,
        }, Ct);
        Assert.Equal(200, result.WebhookStatusCode);
        var code = result.Reservation.ConfirmationCode;

        JsonElement list = default;
        await Eventually.TrueAsync(
            async () => (list = await GetAsync($"conflicts?property_id={property}")).GetProperty("total").GetInt32() == 1,
            "the conflict is listed");
        var conflict = list.GetProperty("items")[0];
        Assert.Equal("open", conflict.GetProperty("status").GetString());
        Assert.Equal("airbnb", conflict.GetProperty("source").GetString());
        Assert.Equal(code, conflict.GetProperty("confirmation_code").GetString());
        Assert.Equal(connectionId, conflict.GetProperty("source_connection_id").GetGuid());
        Assert.Equal(checkIn.AddDays(1), DateOnly.Parse(conflict.GetProperty("check_in").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(app.Get<Engine.Bookings.InMemoryPmsBookingSink>().Received, b => b.Reservation.ConfirmationCode == code && b.Overbooked);

        var id = conflict.GetProperty("id").GetString();
        Assert.Equal(id, (await GetAsync($"conflicts/{id}")).GetProperty("id").GetString());
        Assert.Equal(1, (await GetAsync($"conflicts?property_id={property}&status=open")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await GetAsync($"conflicts?property_id={property}&status=resolved")).GetProperty("total").GetInt32());

        var resolve = await app.Client.PostAsJsonAsync($"conflicts/{id}/resolve", new { resolution = "guest moved to the twin flat" }, Ct);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var resolved = JsonDocument.Parse(await resolve.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("guest moved to the twin flat", resolved.GetProperty("resolution").GetString());
        Assert.Equal(0, (await GetAsync($"conflicts?property_id={property}&status=open")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("conflicts?status=maybe", "status")]
    [InlineData("conflicts?property_id=nope", "property_id")]
    [InlineData("conflicts?limit=0", "limit")]
    [InlineData("conflicts?cursor=!!", "cursor")]
    public async Task Bad_list_parameters_answer_400_naming_the_field(string url, string field) =>
        await Problem.AssertFieldsAsync(await app.Client.GetAsync(url, Ct), field);

    [Theory]
    [InlineData("conflicts/00000000-0000-0000-0000-000000000001")]
    [InlineData("conflicts/not-a-guid")]
    public async Task Unknown_conflicts_answer_404(string url)
    {
        await Problem.AssertAsync(await app.Client.GetAsync(url, Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await app.Client.PostAsync(url + "/resolve", null, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_resolution_that_is_not_json_or_too_long_is_refused()
    {
        var id = "00000000-0000-0000-0000-000000000002";
        await Problem.AssertFieldsAsync(await app.Client.PostAsync($"conflicts/{id}/resolve", new StringContent("x", System.Text.Encoding.UTF8, "text/plain"), Ct), "body");
        await Problem.AssertFieldsAsync(await app.Client.PostAsJsonAsync($"conflicts/{id}/resolve", new { resolution = new string('x', 2001) }, Ct), "resolution");
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await app.Client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
