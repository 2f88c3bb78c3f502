using System.Security.Cryptography;
using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChannelManager.Storage.Tests;

/// <summary>
/// Platform tokens are encrypted at rest in PostgreSQL: the raw row holds no token, ciphertexts are bound to their
/// row, keys rotate (old keys still decrypt, new writes use the first key), and a missing or malformed key stops the
/// start naming the setting.
/// </summary>
public sealed class TokenEncryptionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string Tenant = "secrets";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_raw_row_holds_no_token_and_the_store_reads_it_back()
    {
        var store = new PostgresChannelConnectionStore(db.Context(), TestCodecs.Codec());
        var (access, refresh) = ("access-" + Guid.NewGuid().ToString("N"), "refresh-" + Guid.NewGuid().ToString("N"));
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var connection = Connection(new ChannelCredentials(access, refresh, expires));
        await store.AddAsync(connection, Ct);

        var raw = await RawRowAsync(connection.Id);
        Assert.DoesNotContain(access, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(refresh, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("access-", raw, StringComparison.Ordinal);
        Assert.Contains("\"v\": 2", raw, StringComparison.Ordinal);

        var read = await store.GetAsync(Tenant, connection.Id, Ct);
        Assert.Equal(new ChannelCredentials(access, refresh, expires), read!.Credentials);

        // An update writes ciphertext too, with a fresh nonce.
        var before = await CredentialsColumnAsync(connection.Id);
        Assert.True(await store.UpdateAsync(read with { Credentials = new ChannelCredentials(access + "-2"), Version = read.Version + 1 }, read.Version, Ct));
        var after = await RawRowAsync(connection.Id);
        Assert.DoesNotContain(access, after, StringComparison.Ordinal);
        Assert.NotEqual(before, await CredentialsColumnAsync(connection.Id));
        Assert.Equal(access + "-2", (await store.GetAsync(Tenant, connection.Id, Ct))!.Credentials.AccessToken);
    }

    [Fact]
    public async Task A_ciphertext_copied_to_another_connection_does_not_decrypt_and_the_error_names_no_token()
    {
        var store = new PostgresChannelConnectionStore(db.Context(), TestCodecs.Codec());
        var secret = "victim-" + Guid.NewGuid().ToString("N");
        var victim = Connection(new ChannelCredentials(secret));
        var attacker = Connection(new ChannelCredentials("attacker-token"));
        await store.AddAsync(victim, Ct);
        await store.AddAsync(attacker, Ct);

        await db.ExecuteAsync(
            "update channel_manager.channel_connections set credentials = (select credentials from channel_manager.channel_connections where id = @from) where id = @to",
            ("from", victim.Id), ("to", attacker.Id));

        var ex = await Assert.ThrowsAnyAsync<CryptographicException>(() => store.GetAsync(Tenant, attacker.Id, Ct));
        Assert.Contains("copied from another connection", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(secret, (await store.GetAsync(Tenant, victim.Id, Ct))!.Credentials.AccessToken);
    }

    [Fact]
    public async Task After_rotation_old_rows_still_decrypt_and_new_writes_use_the_new_key()
    {
        var oldStore = new PostgresChannelConnectionStore(db.Context(), TestCodecs.Codec(TestTokenKeys.Current));
        var connection = Connection(new ChannelCredentials("old-token"));
        await oldStore.AddAsync(connection, Ct);
        var oldKeyId = TestCodecs.Protector(TestTokenKeys.Current).CurrentKeyId;
        var newKeyId = TestCodecs.Protector(TestTokenKeys.Next).CurrentKeyId;
        Assert.StartsWith(oldKeyId + ":", await TokensFieldAsync(connection.Id), StringComparison.Ordinal);

        var rotated = new PostgresChannelConnectionStore(db.Context(), TestCodecs.Codec(TestTokenKeys.Next, TestTokenKeys.Current));
        var read = await rotated.GetAsync(Tenant, connection.Id, Ct);
        Assert.Equal("old-token", read!.Credentials.AccessToken);

        Assert.True(await rotated.UpdateAsync(read with { Credentials = new ChannelCredentials("new-token"), Version = read.Version + 1 }, read.Version, Ct));
        Assert.StartsWith(newKeyId + ":", await TokensFieldAsync(connection.Id), StringComparison.Ordinal);
        Assert.Equal("new-token", (await rotated.GetAsync(Tenant, connection.Id, Ct))!.Credentials.AccessToken);

        // With the old key gone, a row it wrote fails with a message naming the missing key id.
        var stale = Connection(new ChannelCredentials("stale-token"));
        await oldStore.AddAsync(stale, Ct);
        var newOnly = new PostgresChannelConnectionStore(db.Context(), TestCodecs.Codec(TestTokenKeys.Next));
        var ex = await Assert.ThrowsAnyAsync<CryptographicException>(() => newOnly.GetAsync(Tenant, stale.Id, Ct));
        Assert.Contains(oldKeyId, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("stale-token", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_written_before_encryption_are_read_and_encrypted_on_the_next_write()
    {
        var store = new PostgresChannelConnectionStore(db.Context(), TestCodecs.Codec());
        var connection = Connection(new ChannelCredentials("legacy"));
        await store.AddAsync(connection, Ct);
        await db.ExecuteAsync(
            """update channel_manager.channel_connections set credentials = '{"v": 1, "access_token": "legacy-plain", "refresh_token": "legacy-refresh"}'::jsonb where id = @id""",
            ("id", connection.Id));

        var read = await store.GetAsync(Tenant, connection.Id, Ct);
        Assert.Equal(("legacy-plain", "legacy-refresh"), (read!.Credentials.AccessToken, read.Credentials.RefreshToken));
        Assert.True(await store.UpdateAsync(read with { Version = read.Version + 1 }, read.Version, Ct));
        Assert.DoesNotContain("legacy-", await RawRowAsync(connection.Id), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ChannelManager:TokenEncryption:Keys (or the environment variable CHANNEL_MANAGER_TOKEN_KEY) is required")]
    [InlineData("not base64!", "must hold base64-encoded 256-bit")]
    [InlineData("c2hvcnQ=", "must hold base64-encoded 256-bit")]
    public async Task PostgreSQL_without_a_valid_key_does_not_start_and_the_message_names_the_setting(string? key, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        if (key is not null)
        {
            builder.Configuration["ChannelManager:TokenEncryption:Keys"] = key;
        }

        builder.Services.AddChannelManager().UsePostgres(o =>
        {
            o.ConnectionString = db.ConnectionString;
            o.ApplyMigrationsOnStart = false;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        if (key is not null)
        {
            Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Keys_come_from_configuration_as_an_array_or_from_the_environment_variable()
    {
        static string[] Keys(Action<HostApplicationBuilder> configure)
        {
            var builder = Host.CreateApplicationBuilder();
            configure(builder);
            builder.Services.AddChannelManager().UsePostgres(o => o.ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Database=d");
            using var host = builder.Build();
            return [.. host.Services.GetRequiredService<IOptions<Engine.Security.TokenEncryptionOptions>>().Value.Keys];
        }

        Assert.Equal([TestTokenKeys.Next, TestTokenKeys.Current], Keys(b =>
        {
            b.Configuration["ChannelManager:TokenEncryption:Keys:0"] = TestTokenKeys.Next;
            b.Configuration["ChannelManager:TokenEncryption:Keys:1"] = TestTokenKeys.Current;
        }));
        Assert.Equal([TestTokenKeys.Current, TestTokenKeys.Next], Keys(b => b.Configuration["CHANNEL_MANAGER_TOKEN_KEY"] = TestTokenKeys.Current + "," + TestTokenKeys.Next));
    }

    private static ChannelConnection Connection(ChannelCredentials credentials)
    {
        var now = DateTimeOffset.UtcNow;
        return new ChannelConnection
        {
            Id = Guid.NewGuid(),
            TenantId = Tenant,
            PropertyId = Guid.NewGuid(),
            Platform = Platform.Airbnb,
            PlatformListingId = "listing-" + Guid.NewGuid().ToString("N"),
            Credentials = credentials,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private async Task<string> RawRowAsync(Guid id) =>
        await db.ScalarAsync<string>("select row_to_json(c)::text from channel_manager.channel_connections c where id = @id", ("id", id));

    private async Task<string> CredentialsColumnAsync(Guid id) =>
        await db.ScalarAsync<string>("select credentials::text from channel_manager.channel_connections where id = @id", ("id", id));

    private async Task<string> TokensFieldAsync(Guid id) =>
        JsonDocument.Parse(await CredentialsColumnAsync(id)).RootElement.GetProperty("tokens").GetString()!;
}
