using Microsoft.AspNetCore.Authorization;

namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>Whether an endpoint's metadata makes the authorization middleware demand an authenticated caller.</summary>
internal static class EndpointAuthorization
{
    /// <summary>True when the endpoint carries authorization metadata and no <see cref="IAllowAnonymous"/> (which wins, as in the middleware).</summary>
    /// <param name="metadata">The endpoint's metadata.</param>
    /// <returns>Whether the endpoint is secured.</returns>
    public static bool IsRequired(IEnumerable<object> metadata)
    {
        var secured = false;
        foreach (var item in metadata)
        {
            if (item is IAllowAnonymous)
            {
                return false;
            }

            secured |= item is IAuthorizeData or AuthorizationPolicy;
        }

        return secured;
    }
}
