using System.Text.Json.Serialization.Metadata;
using ChannelManager.Adapters.Airbnb.Auth;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>
/// Makes calls on behalf of one connection: each call gets the connection's freshest access token from
/// <see cref="AirbnbTokenManager"/> (refreshed first when it is about to expire); when Airbnb answers 401 and a refresh
/// token exists, the token is refreshed once and the call sent once more. Everything else is
/// <see cref="AirbnbApiClient"/>'s: one attempt, every failure a <see cref="PlatformCallException"/>.
/// </summary>
internal sealed class AirbnbConnectionClient(AirbnbApiClient client, AirbnbTokenManager tokens)
{
    /// <summary>Sends a call with the connection's access token and reads its JSON answer.</summary>
    public async Task<T> SendAsync<T>(
        ChannelConnection connection,
        string operation,
        Func<IAirbnbApi, string, CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> responseType,
        CancellationToken cancellationToken)
        where T : class =>
        (await SendCoreAsync(connection, operation, call, responseType, notFoundAsNull: false, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Sends a call with the connection's access token and reads its JSON answer; a 404 gives <see langword="null"/>.</summary>
    public Task<T?> SendOrDefaultIfNotFoundAsync<T>(
        ChannelConnection connection,
        string operation,
        Func<IAirbnbApi, string, CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> responseType,
        CancellationToken cancellationToken)
        where T : class =>
        SendCoreAsync(connection, operation, call, responseType, notFoundAsNull: true, cancellationToken);

    private async Task<T?> SendCoreAsync<T>(
        ChannelConnection connection,
        string operation,
        Func<IAirbnbApi, string, CancellationToken, Task<HttpResponseMessage>> call,
        JsonTypeInfo<T> responseType,
        bool notFoundAsNull,
        CancellationToken cancellationToken)
        where T : class
    {
        var credentials = await tokens.GetCredentialsAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendOnceAsync(credentials.AccessToken).ConfigureAwait(false);
        }
        catch (PlatformCallException ex) when (ex.StatusCode == 401 && tokens.CanRefresh(credentials))
        {
            // Once: a second 401 (with a token just refreshed) is the answer.
            var refreshed = await tokens.RefreshAsync(connection, credentials, cancellationToken).ConfigureAwait(false);
            return await SendOnceAsync(refreshed.AccessToken).ConfigureAwait(false);
        }

        async Task<T?> SendOnceAsync(string accessToken)
        {
            Task<HttpResponseMessage> Call(IAirbnbApi api, CancellationToken ct) => call(api, accessToken, ct);
            return notFoundAsNull
                ? await client.SendOrDefaultIfNotFoundAsync(operation, Call, responseType, cancellationToken).ConfigureAwait(false)
                : await client.SendAsync(operation, Call, responseType, cancellationToken).ConfigureAwait(false);
        }
    }
}
