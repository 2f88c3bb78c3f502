using System.Text.Json;
using System.Text.Json.Nodes;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// The one place where connection credentials are turned into what is stored in <c>channel_connections.credentials</c>
/// and back. Today they are stored as given (<c>{"access_token", "refresh_token", "expires_at"}</c>); encryption at
/// rest (an envelope such as <c>{"v": 2, "key_id", "ciphertext"}</c>) belongs here and nowhere else.
/// </summary>
internal static class PostgresCredentialsCodec
{
    public static string Protect(ChannelCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var node = new JsonObject
        {
            ["v"] = 1,
            ["access_token"] = credentials.AccessToken,
        };
        if (credentials.RefreshToken is not null)
        {
            node["refresh_token"] = credentials.RefreshToken;
        }

        if (credentials.ExpiresAt is { } expiresAt)
        {
            node["expires_at"] = expiresAt;
        }

        return node.ToJsonString();
    }

    public static ChannelCredentials Unprotect(string stored)
    {
        var node = JsonNode.Parse(stored) as JsonObject ?? throw new JsonException("Stored credentials must be a JSON object.");
        var version = node["v"]?.GetValue<int>() ?? 1;
        if (version != 1)
        {
            throw new JsonException($"Stored credentials have format version {version}, which this build cannot read.");
        }

        return new ChannelCredentials(
            node["access_token"]?.GetValue<string>() ?? throw new JsonException("Stored credentials have no access token."),
            node["refresh_token"]?.GetValue<string>(),
            node["expires_at"]?.GetValue<DateTimeOffset>());
    }
}
