using System.Text.Json;
using System.Text.Json.Nodes;
using ChannelManager.Connections;
using ChannelManager.Engine.Security;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// The one place where connection credentials are turned into what is stored in <c>channel_connections.credentials</c>
/// and back. Written as <c>{"v": 2, "tokens": "{keyId}:{ciphertext}", "expires_at"}</c>: the access and refresh
/// tokens encrypted together by the <see cref="ITokenProtector"/>, bound to the row's tenant and connection id (a
/// ciphertext copied to another row does not decrypt); the expiry, which the API shows anyway, stays readable.
/// Rows written before encryption (<c>"v": 1</c>, plaintext) are still read and are encrypted when next written.
/// </summary>
internal sealed class PostgresCredentialsCodec(ITokenProtector protector)
{
    private const int Version = 2;

    public string Protect(string tenantId, Guid connectionId, ChannelCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var secret = new JsonObject { ["access_token"] = credentials.AccessToken };
        if (credentials.RefreshToken is not null)
        {
            secret["refresh_token"] = credentials.RefreshToken;
        }

        var node = new JsonObject
        {
            ["v"] = Version,
            ["tokens"] = protector.Protect(secret.ToJsonString(), AssociatedData(tenantId, connectionId)),
        };
        if (credentials.ExpiresAt is { } expiresAt)
        {
            node["expires_at"] = expiresAt;
        }

        return node.ToJsonString();
    }

    public ChannelCredentials Unprotect(string tenantId, Guid connectionId, string stored)
    {
        var node = JsonNode.Parse(stored) as JsonObject ?? throw new JsonException("Stored credentials must be a JSON object.");
        var version = node["v"]?.GetValue<int>() ?? 1;
        var expiresAt = node["expires_at"]?.GetValue<DateTimeOffset>();
        JsonObject secret;
        switch (version)
        {
            case 1:
                secret = node; // Written before encryption; re-encrypted on the connection's next write.
                break;
            case Version:
                var tokens = node["tokens"]?.GetValue<string>() ?? throw new JsonException("Stored credentials have no tokens.");
                secret = JsonNode.Parse(protector.Unprotect(tokens, AssociatedData(tenantId, connectionId))) as JsonObject
                    ?? throw new JsonException("Decrypted credentials must be a JSON object.");
                break;
            default:
                throw new JsonException($"Stored credentials have format version {version}, which this build cannot read.");
        }

        return new ChannelCredentials(
            secret["access_token"]?.GetValue<string>() ?? throw new JsonException("Stored credentials have no access token."),
            secret["refresh_token"]?.GetValue<string>(),
            expiresAt);
    }

    private static string AssociatedData(string tenantId, Guid connectionId) =>
        $"channel_connections.credentials/{tenantId}/{connectionId:D}";
}
