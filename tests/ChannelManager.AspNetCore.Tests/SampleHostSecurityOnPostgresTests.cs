namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// The sample host's route walks (401 without a key; tenant B gets 404 on every id route against tenant A's records)
/// with the host on PostgreSQL, connected as an ordinary role, so the API's tenant filters and row-level security are
/// both in the path.
/// </summary>
public sealed class SampleHostSecurityOnPostgresTests : SampleHostSecurityTests
{
    private PostgresTestServer? _postgres;

    [Fact]
    public async Task The_host_runs_on_postgresql()
    {
        using var client = Factory.CreateClient();
        Assert.Contains("store: PostgreSQL", await client.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    protected override async Task<IReadOnlyList<(string Key, string Value)>> StoreSettingsAsync()
    {
        _postgres = await PostgresTestServer.StartAsync();
        return
        [
            ("ConnectionStrings:Postgres", await _postgres.CreateDatabaseAsync("security")),
            ("CHANNEL_MANAGER_TOKEN_KEY", TestTokenKeys.Current),
        ];
    }
}
