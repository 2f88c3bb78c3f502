using System.Net;
using System.Text;
using System.Text.Json;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Simulator.Faults;
using ChannelManager.Simulator.State;

namespace ChannelManager.Adapters.Tests.Simulator;

/// <summary>The simulator's Airbnb wire format and control API, exercised over raw HTTP.</summary>
public sealed class AirbnbSimulatorTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly SimulatorFixture _fixture;
    private readonly HttpClient _http = new();

    public AirbnbSimulatorTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Simulator.State.ClearFaults();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SimulatorState State => _fixture.Simulator.State;

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("""{"dates":["2030-01-05"],"availability":"unavailable"}""", "missing_busy_subtype")]
    [InlineData("""{"dates":["2030-01-05"],"availability":"unavailable","busy_subtype":"ON_HOLIDAY"}""", "invalid_busy_subtype")]
    [InlineData("""{"dates":["2030-01-05"],"availability":"closed","busy_subtype":"BLOCKED_BY_HOST"}""", "invalid_availability")]
    [InlineData("""{"dates":["2030-02-30"],"availability":"available"}""", "invalid_date")]
    [InlineData("""{"dates":["05.01.2030"],"availability":"available"}""", "invalid_date")]
    [InlineData("""{"dates":["2030-01-06:2030-01-05"],"availability":"available"}""", "invalid_date_range")]
    [InlineData("""{"dates":[],"availability":"available"}""", "missing_dates")]
    [InlineData("""{"dates":["2030-01-05"],"daily_price":-1}""", "invalid_daily_price")]
    [InlineData("""{"dates":["2030-01-05"],"daily_price":"12.50"}""", "invalid_daily_price")]
    [InlineData("""{"dates":["2030-01-05"],"min_nights":0}""", "invalid_min_nights")]
    [InlineData("""{"dates":["2030-01-05"],"min_night":2}""", "unknown_field")]
    [InlineData("""{"dates":["2030-01-05"]}""", "empty_operation")]
    public async Task An_invalid_operation_is_rejected_with_400_and_changes_nothing(string badOperation, string reason)
    {
        var listing = TestData.NewListingId();
        var seeded = new SimulatedDay { Date = new DateOnly(2030, 1, 5), DailyPrice = 55m, AvailableCount = 1 };
        State.SetDay(Platform.Airbnb, listing, seeded);
        var body = $$"""{"listing_id":{{listing}},"operations":[{"dates":["2030-01-04:2030-01-06"],"availability":"available","daily_price":99},{{badOperation}}]}""";

        using var response = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Post, _fixture.Simulator.AirbnbBaseAddress, "v2/calendar_operations", body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(400, error.RootElement.GetProperty("error_code").GetInt32());
        Assert.Equal("invalid_request", error.RootElement.GetProperty("error_type").GetString());
        var detail = Assert.Single(error.RootElement.GetProperty("error_details").EnumerateArray());
        Assert.Equal(reason, detail.GetProperty("error_reason").GetString());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("error_message").GetString()));

        // The valid first operation was not applied either: all or nothing.
        Assert.Equal(seeded, State.GetDay(Platform.Airbnb, listing, seeded.Date));
        Assert.Null(State.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 1, 4)));
    }

    [Fact]
    public async Task A_valid_call_applies_only_the_fields_present_and_reads_back_inclusively()
    {
        var listing = TestData.NewListingId();
        var first = $$"""{"listing_id":"{{listing}}","operations":[{"dates":["2030-03-01:2030-03-03"],"availability":"available","daily_price":120.5,"min_nights":2,"notes":"spring"}]}""";
        var second = $$"""{"listing_id":{{listing}},"operations":[{"dates":["2030-03-02"],"availability":"unavailable","busy_subtype":"BLOCKED_BY_HOST"},{"dates":["2030-03-03"],"daily_price":99}]}""";

        using var r1 = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Post, _fixture.Simulator.AirbnbBaseAddress, "v2/calendar_operations", first), Ct);
        using var r2 = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Post, _fixture.Simulator.AirbnbBaseAddress, "v2/calendar_operations", second), Ct);
        using var read = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/calendars/{listing}/2030-03-01/2030-03-03"), Ct);

        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        using var applied = JsonDocument.Parse(await r2.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, applied.RootElement.GetProperty("calendar_operation").GetProperty("operations_applied").GetInt32());
        using var calendar = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct));
        var days = calendar.RootElement.GetProperty("calendar").GetProperty("days").EnumerateArray().ToArray();
        Assert.Equal(["2030-03-01", "2030-03-02", "2030-03-03"], days.Select(d => d.GetProperty("date").GetString()).ToArray());
        Assert.Equal("available", days[0].GetProperty("availability").GetString());
        Assert.Equal("unavailable", days[1].GetProperty("availability").GetString());
        Assert.Equal("BLOCKED_BY_HOST", days[1].GetProperty("busy_subtype").GetString());
        Assert.Equal(120.5m, days[1].GetProperty("daily_price").GetDecimal()); // price kept: only availability changed
        Assert.Equal(99m, days[2].GetProperty("daily_price").GetDecimal());
        Assert.Equal(2, days[2].GetProperty("min_nights").GetInt32());       // min_nights kept: only price changed
        Assert.Equal("spring", days[2].GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Calls_need_an_api_key_and_a_valid_token()
    {
        var listing = TestData.NewListingId();
        State.RevokeToken("tok_revoked");

        using var noKey = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/listings/{listing}", apiKey: null), Ct);
        using var noToken = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/listings/{listing}", token: null), Ct);
        using var revoked = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/listings/{listing}", token: "tok_revoked"), Ct);
        using var ok = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/listings/{listing}"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var listingJson = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(Ct));
        Assert.Equal(long.Parse(listing, System.Globalization.CultureInfo.InvariantCulture), listingJson.RootElement.GetProperty("listing").GetProperty("id").GetInt64());
        using var error = JsonDocument.Parse(await revoked.Content.ReadAsStringAsync(Ct));
        Assert.Equal("unauthorized", error.RootElement.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task The_control_api_injects_faults_lists_calls_and_shows_calendars()
    {
        var listing = TestData.NewListingId();
        var sim = _fixture.Simulator.BaseAddress;
        using var inject = await _http.PostAsync(
            new Uri(sim, "_sim/faults"),
            Json($$"""{"platform":"airbnb","kind":"http_status","status_code":503,"retry_after_seconds":3,"times":1,"path_prefix":"/v2/listings/{{listing}}"}"""),
            Ct);
        Assert.Equal(HttpStatusCode.Created, inject.StatusCode);

        using var faulted = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/listings/{listing}"), Ct);
        using var healthy = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/listings/{listing}"), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        var calls = JsonDocument.Parse(await _http.GetStringAsync(new Uri(sim, "_sim/calls?platform=airbnb"), Ct)).RootElement.EnumerateArray()
            .Where(c => c.GetProperty("path_and_query").GetString() == $"/airbnb/v2/listings/{listing}").ToArray();
        Assert.Equal([503, 200], calls.Select(c => c.GetProperty("status_code").GetInt32()).ToArray());
        Assert.Equal("HttpStatus", calls[0].GetProperty("fault").GetString());

        using var reservation = await _http.PostAsync(
            new Uri(sim, "_sim/airbnb/reservations"),
            Json($$"""{"listing_id":"{{listing}}","start_date":"2030-05-01","nights":2,"guest_first_name":"Kim"}"""),
            Ct);
        Assert.Equal(HttpStatusCode.Created, reservation.StatusCode);
        var code = JsonDocument.Parse(await reservation.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reservation").GetProperty("confirmation_code").GetString();

        var calendar = JsonDocument.Parse(await _http.GetStringAsync(new Uri(sim, $"_sim/calendars/airbnb/{listing}?from=2030-05-01&to=2030-05-03"), Ct)).RootElement;
        var days = calendar.GetProperty("days").EnumerateArray().ToArray();
        Assert.Equal(2, days.Length);
        Assert.All(days, d =>
        {
            Assert.Equal("unavailable", d.GetProperty("availability").GetString());
            Assert.Equal(code, d.GetProperty("reservation_code").GetString());
        });

        using var clear = await _http.DeleteAsync(new Uri(sim, "_sim/faults"), Ct);
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        using var bad = await _http.PostAsync(new Uri(sim, "_sim/faults"), Json("""{"platform":"nowhere","kind":"timeout"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Reservations_are_listed_with_paging_metadata_and_a_missing_listing_id_is_rejected()
    {
        var listing = TestData.NewListingId();
        for (var i = 0; i < 3; i++)
        {
            await _fixture.Simulator.CreateAirbnbReservationAsync(
                new ChannelManager.Simulator.Airbnb.AirbnbReservationRequest { ListingId = listing, StartDate = new DateOnly(2030, 6, 1).AddDays(i * 3), Nights = 2 },
                Ct);
        }

        using var page = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/reservations?listing_id={listing}&_limit=2&_offset=1"), Ct);
        using var missing = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, "v2/reservations"), Ct);
        using var tooBig = await _http.SendAsync(SimulatorHttp.Airbnb(HttpMethod.Get, _fixture.Simulator.AirbnbBaseAddress, $"v2/reservations?listing_id={listing}&_limit=101"), Ct);

        var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(2, json.GetProperty("reservations").GetArrayLength());
        Assert.Equal(3, json.GetProperty("metadata").GetProperty("_total").GetInt32());
        Assert.Equal(1, json.GetProperty("metadata").GetProperty("_offset").GetInt32());
        var first = json.GetProperty("reservations")[0];
        Assert.Equal("accepted", first.GetProperty("status_type").GetString());
        Assert.Equal(JsonValueKind.String, first.GetProperty("expected_payout_amount_accurate").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task A_reservation_that_requires_availability_is_refused_on_a_closed_night()
    {
        var listing = TestData.NewListingId();
        State.SetDay(Platform.Airbnb, listing, new SimulatedDay { Date = new DateOnly(2030, 4, 2), IsAvailable = false, BusySubtype = "BLOCKED_BY_HOST" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => _fixture.Simulator.CreateAirbnbReservationAsync(
            new ChannelManager.Simulator.Airbnb.AirbnbReservationRequest { ListingId = listing, StartDate = new DateOnly(2030, 4, 1), Nights = 3, RequireAvailability = true },
            Ct));
        var overbooked = await _fixture.Simulator.CreateAirbnbReservationAsync(
            new ChannelManager.Simulator.Airbnb.AirbnbReservationRequest { ListingId = listing, StartDate = new DateOnly(2030, 4, 1), Nights = 3 },
            Ct);

        Assert.Equal(overbooked.Reservation.ConfirmationCode, State.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 4, 2))!.ReservationCode);
    }

    [Fact]
    public void Invalid_faults_are_refused()
    {
        Assert.Throws<ArgumentException>(() => State.InjectFault(SimulatorFault.Status(Platform.Airbnb, 700)));
        Assert.Throws<ArgumentException>(() => State.InjectFault(SimulatorFault.Status(Platform.Airbnb, 500, times: 0)));
        Assert.Throws<ArgumentException>(() => State.InjectFault(SimulatorFault.Hang(Platform.Airbnb, TimeSpan.FromSeconds(1), pathPrefix: "v2")));
        Assert.Empty(State.PendingFaults);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
