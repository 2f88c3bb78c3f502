using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChannelManager.Connections;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>The connection API through the real HTTP pipeline (Kestrel on loopback, Airbnb adapter against the simulator).</summary>
public sealed class ConnectionApiTests(ChannelManagerApp app) : IClassFixture<ChannelManagerApp>
{
    private readonly HttpClient _client = app.Client;

    private static string Listing() => "L" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_answers_201_with_location_and_the_connection_but_never_a_token()
    {
        var property = Guid.NewGuid();
        var listing = Listing();
        var response = await _client.PostAsJsonAsync("channel-connections", new Dictionary<string, object?>
        {
            ["property_id"] = property, ["platform_type"] = "airbnb", ["platform_listing_id"] = listing,
            ["access_token"] = "super-secret-access", ["refresh_token"] = "super-secret-refresh",
            ["token_expires_at"] = "2031-05-06T07:08:09+00:00",
            ["platform_metadata"] = new Dictionary<string, object> { ["listing_id"] = listing, ["beds"] = 3, ["pets"] = true },
        }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain("super-secret", text, StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        var id = Guid.Parse(body.GetProperty("id").GetString()!);
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal($"/channel-connections/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(property, body.GetProperty("property_id").GetGuid());
        Assert.Equal("airbnb", body.GetProperty("platform_type").GetString());
        Assert.Equal(listing, body.GetProperty("platform_listing_id").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("has_access_token").GetBoolean());
        Assert.True(body.GetProperty("has_refresh_token").GetBoolean());
        Assert.Equal(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero), body.GetProperty("token_expires_at").GetDateTimeOffset());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.Equal("3", body.GetProperty("platform_metadata").GetProperty("beds").GetString());
        Assert.Equal("true", body.GetProperty("platform_metadata").GetProperty("pets").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));

        var get = await _client.GetStringAsync($"channel-connections/{id}", Ct);
        Assert.DoesNotContain("super-secret", get, StringComparison.Ordinal);
        var list = await _client.GetStringAsync($"channel-connections?property_id={property}", Ct);
        Assert.DoesNotContain("super-secret", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_active_connection_gets_its_calendar_pushed()
    {
        var listing = Listing();
        await app.CreateConnectionAsync(Guid.NewGuid(), listing);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Eventually.TrueAsync(() => app.IsAvailableOnPlatform(listing, today.AddDays(100)), "the initial push opened the calendar");
    }

    [Fact]
    public async Task List_filters_by_property_platform_and_status_and_pages_without_gaps_or_repeats()
    {
        var property = Guid.NewGuid();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await app.CreateConnectionAsync(property, Listing(), status: i == 4 ? "paused" : null)).GetProperty("id").GetString()!);
        }

        var all = await GetJsonAsync($"channel-connections?property_id={property}");
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(ids, all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList());

        var paused = await GetJsonAsync($"channel-connections?property_id={property}&status=paused");
        Assert.Equal([ids[4]], paused.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList());
        var byPlatform = await GetJsonAsync($"channel-connections?property_id={property}&platform_type=airbnb&status=active");
        Assert.Equal(4, byPlatform.GetProperty("total").GetInt32());
        var otherPlatform = await GetJsonAsync($"channel-connections?property_id={property}&platform_type=booking_com");
        Assert.Equal(0, otherPlatform.GetProperty("total").GetInt32());

        // Keyset pages.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync($"channel-connections?property_id={property}&limit=2" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            var items = page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(ids, seen);

        // Offset pages, as in the reference's limit/offset contract.
        var second = await GetJsonAsync($"channel-connections?property_id={property}&limit=2&offset=2");
        Assert.Equal(ids.Skip(2).Take(2), second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Update_changes_only_the_given_fields_and_validates_them()
    {
        var created = await app.CreateConnectionAsync(Guid.NewGuid(), Listing());
        var id = created.GetProperty("id").GetString();
        var response = await _client.PutAsJsonAsync($"channel-connections/{id}", new Dictionary<string, object?> { ["status"] = "paused", ["access_token"] = "new-secret-token" }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("new-secret-token", text, StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("paused", body.GetProperty("status").GetString());
        Assert.Equal(created.GetProperty("platform_listing_id").GetString(), body.GetProperty("platform_listing_id").GetString());
        Assert.True(body.GetProperty("updated_at").GetDateTimeOffset() >= created.GetProperty("updated_at").GetDateTimeOffset());

        var bad = await _client.PutAsJsonAsync($"channel-connections/{id}", new Dictionary<string, object?> { ["status"] = "sleeping", ["platform_listing_id"] = "" }, Ct);
        await Problem.AssertFieldsAsync(bad, "status", "platform_listing_id");
        var after = await GetJsonAsync($"channel-connections/{id}");
        Assert.Equal("paused", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_is_soft_and_the_connection_then_answers_404_everywhere()
    {
        var property = Guid.NewGuid();
        var id = (await app.CreateConnectionAsync(property, Listing())).GetProperty("id").GetString();
        var delete = await _client.DeleteAsync($"channel-connections/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        await Problem.AssertAsync(await _client.GetAsync($"channel-connections/{id}", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _client.DeleteAsync($"channel-connections/{id}", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _client.PutAsJsonAsync($"channel-connections/{id}", new { status = "active" }, Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _client.PostAsync($"channel-connections/{id}/test", null, Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _client.PostAsJsonAsync($"channel-connections/{id}/sync", new { sync_type = "full" }, Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await _client.GetAsync($"channel-connections/{id}/sync-logs", Ct), HttpStatusCode.NotFound);
        var list = await GetJsonAsync($"channel-connections?property_id={property}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("not-a-guid")]
    [InlineData("123")]
    public async Task Unknown_or_malformed_ids_answer_404_problem_details(string id)
    {
        var body = await Problem.AssertAsync(await _client.GetAsync($"channel-connections/{id}", Ct), HttpStatusCode.NotFound);
        Assert.Contains("No channel connection", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_reports_a_healthy_token_and_a_revoked_one_and_records_both()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        var id = (await app.CreateConnectionAsync(Guid.NewGuid(), Listing(), token: token)).GetProperty("id").GetString();

        // The initial push runs in the background; one that lands after the revocation would rightly clear last_error.
        await app.WaitForInitialPushAsync(Guid.Parse(id!));
        var healthy = await PostJsonAsync($"channel-connections/{id}/test", null);
        Assert.True(healthy.GetProperty("healthy").GetBoolean(), healthy.ToString());

        app.Simulator.State.RevokeToken(token);
        try
        {
            var unhealthy = await PostJsonAsync($"channel-connections/{id}/test", null);
            Assert.False(unhealthy.GetProperty("healthy").GetBoolean());
            Assert.DoesNotContain(token, unhealthy.ToString(), StringComparison.Ordinal);
            var connection = await GetJsonAsync($"channel-connections/{id}");
            Assert.Equal("error", connection.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(connection.GetProperty("last_error").GetString()));
        }
        finally
        {
            app.Simulator.State.RestoreToken(token);
        }

        var again = await PostJsonAsync($"channel-connections/{id}/test", null);
        Assert.True(again.GetProperty("healthy").GetBoolean());
        Assert.Equal("active", (await GetJsonAsync($"channel-connections/{id}")).GetProperty("status").GetString());
        var logs = await GetJsonAsync($"channel-connections/{id}/sync-logs");
        var tests = logs.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("operation").GetString() == "connection_test").ToList();
        Assert.Equal(3, tests.Count);
        Assert.Equal(["succeeded", "failed", "succeeded"], tests.Select(t => t.GetProperty("outcome").GetString()).Reverse());
    }

    [Theory]
    [InlineData("full")]
    [InlineData("availability")]
    [InlineData("pricing")]
    [InlineData("bookings")]
    public async Task Sync_queues_each_sync_type_and_the_work_shows_in_the_sync_log(string syncType)
    {
        var listing = Listing();
        var id = (await app.CreateConnectionAsync(Guid.NewGuid(), listing)).GetProperty("id").GetString();
        var response = await _client.PostAsJsonAsync($"channel-connections/{id}/sync", new { sync_type = syncType }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(syncType, body.GetProperty("sync_type").GetString());
        Assert.Equal("queued", body.GetProperty("status").GetString());
        var job = body.GetProperty("job_id").GetString()!;
        Assert.Equal(syncType != "bookings", body.GetProperty("range_start").ValueKind == JsonValueKind.String);

        var expectedOperation = syncType == "bookings" ? "reservation_pull" : "ari_push";
        await Eventually.TrueAsync(
            () => GetJsonAsync($"channel-connections/{id}/sync-logs?limit=100").GetAwaiter().GetResult()
                .GetProperty("items").EnumerateArray()
                .Any(e => e.GetProperty("operation").GetString() == expectedOperation
                          && e.GetProperty("outcome").GetString() == "succeeded"
                          && (e.GetProperty("trigger").GetString() ?? string.Empty).Contains(job.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal)),
            $"the {syncType} sync was logged as succeeded");
        if (syncType == "full")
        {
            await Eventually.TrueAsync(
                () => GetJsonAsync($"channel-connections/{id}/sync-logs?limit=100").GetAwaiter().GetResult()
                    .GetProperty("items").EnumerateArray().Any(e => e.GetProperty("operation").GetString() == "reservation_pull"),
                "a full sync also pulls reservations");
        }
    }

    [Fact]
    public async Task Sync_rejects_unknown_types_missing_bodies_and_paused_connections()
    {
        var id = (await app.CreateConnectionAsync(Guid.NewGuid(), Listing())).GetProperty("id").GetString();
        await Problem.AssertFieldsAsync(await _client.PostAsJsonAsync($"channel-connections/{id}/sync", new { sync_type = "everything" }, Ct), "sync_type");
        await Problem.AssertFieldsAsync(await _client.PostAsJsonAsync($"channel-connections/{id}/sync", new { }, Ct), "sync_type");
        await Problem.AssertFieldsAsync(await _client.PostAsync($"channel-connections/{id}/sync", new StringContent("{\"sync_type\":", Encoding.UTF8, "application/json"), Ct), "body");
        await _client.PutAsJsonAsync($"channel-connections/{id}", new { status = "paused" }, Ct);
        await Problem.AssertAsync(await _client.PostAsJsonAsync($"channel-connections/{id}/sync", new { sync_type = "full" }, Ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Sync_logs_page_newest_first_and_reject_bad_paging()
    {
        var id = (await app.CreateConnectionAsync(Guid.NewGuid(), Listing())).GetProperty("id").GetString();
        for (var i = 0; i < 3; i++)
        {
            await PostJsonAsync($"channel-connections/{id}/test", null);
        }

        await Eventually.TrueAsync(() => GetJsonAsync($"channel-connections/{id}/sync-logs").GetAwaiter().GetResult().GetProperty("total").GetInt32() >= 4, "four rows were written");
        var all = await GetJsonAsync($"channel-connections/{id}/sync-logs?limit=100");
        var times = all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("started_at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        var first = await GetJsonAsync($"channel-connections/{id}/sync-logs?limit=1");
        Assert.Single(first.GetProperty("items").EnumerateArray());
        var cursor = first.GetProperty("next_cursor").GetString();
        Assert.NotNull(cursor);
        var second = await GetJsonAsync($"channel-connections/{id}/sync-logs?limit=1&cursor={cursor}");
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString());

        await Problem.AssertFieldsAsync(await _client.GetAsync($"channel-connections/{id}/sync-logs?limit=0", Ct), "limit");
        await Problem.AssertFieldsAsync(await _client.GetAsync($"channel-connections/{id}/sync-logs?limit=100000", Ct), "limit");
        await Problem.AssertFieldsAsync(await _client.GetAsync($"channel-connections/{id}/sync-logs?offset=-1", Ct), "offset");
        await Problem.AssertFieldsAsync(await _client.GetAsync($"channel-connections/{id}/sync-logs?cursor=garbage", Ct), "cursor");
    }

    public static TheoryData<string, string[]> InvalidCreateBodies => new()
    {
        { "{}", ["property_id", "platform_type", "platform_listing_id", "access_token"] },
        { """{"property_id":"nope","platform_type":"airbnb","platform_listing_id":"x","access_token":"t"}""", ["property_id"] },
        { """{"property_id":"00000000-0000-0000-0000-000000000000","platform_type":"airbnb","platform_listing_id":"x","access_token":"t"}""", ["property_id"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","platform_type":"myspace","platform_listing_id":"x","access_token":"t"}""", ["platform_type"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","platform_type":"expedia","platform_listing_id":"x","access_token":"t"}""", ["platform_type"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","platform_type":"airbnb","platform_listing_id":"   ","access_token":"t"}""", ["platform_listing_id"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","platform_type":"airbnb","platform_listing_id":"x","access_token":""}""", ["access_token"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","platform_type":"airbnb","platform_listing_id":"x","access_token":"t","status":"zombie"}""", ["status"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","platform_type":"airbnb","platform_listing_id":"x","access_token":"t","platform_metadata":{"a":{"b":1}}}""", ["platform_metadata.a"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","platform_type":42,"platform_listing_id":"x","access_token":"t"}""", ["platform_type"] },
        { """{"property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff",""", ["body"] },
        { "[1,2,3]", ["body"] },
        { "null", ["body"] },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task Create_rejects_invalid_bodies_with_field_errors_and_stores_nothing(string json, string[] fields)
    {
        var before = (await GetJsonAsync("channel-connections?limit=500")).GetProperty("total").GetInt32();
        var response = await _client.PostAsync("channel-connections", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        await Problem.AssertFieldsAsync(response, fields);
        var after = (await GetJsonAsync("channel-connections?limit=500")).GetProperty("total").GetInt32();
        Assert.Equal(before, after); // tests of one class run one at a time against their own host
    }

    [Fact]
    public async Task Create_rejects_a_body_that_is_not_json()
    {
        var response = await _client.PostAsync("channel-connections", new StringContent("property_id=1", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);
        await Problem.AssertFieldsAsync(response, "body");
    }

    [Fact]
    public async Task Create_refuses_a_listing_that_is_already_connected()
    {
        var listing = Listing();
        await app.CreateConnectionAsync(Guid.NewGuid(), listing);
        var response = await _client.PostAsJsonAsync("channel-connections", new { property_id = Guid.NewGuid(), platform_type = "airbnb", platform_listing_id = listing, access_token = "t" }, Ct);
        await Problem.AssertAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_listing_make_exactly_one_connection()
    {
        var listing = Listing();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _client.PostAsJsonAsync("channel-connections", new { property_id = Guid.NewGuid(), platform_type = "airbnb", platform_listing_id = listing, access_token = "t" }, Ct)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Theory]
    [InlineData("property_id=abc", "property_id")]
    [InlineData("platform_type=myspace", "platform_type")]
    [InlineData("status=zombie", "status")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=abc", "limit")]
    public async Task List_rejects_bad_filters(string query, string field) =>
        await Problem.AssertFieldsAsync(await _client.GetAsync("channel-connections?" + query, Ct), field);

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> PostJsonAsync(string url, object? body)
    {
        var response = body is null ? await _client.PostAsync(url, null, Ct) : await _client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
