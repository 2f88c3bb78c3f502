using System.Net.Http.Headers;
using System.Text;

namespace ChannelManager.Adapters.Tests.Simulator;

/// <summary>Raw HTTP helpers for exercising the simulator's wire format directly.</summary>
internal static class SimulatorHttp
{
    public static HttpRequestMessage Airbnb(HttpMethod method, Uri baseAddress, string path, string? json = null, string? token = "tok_valid", string? apiKey = "key")
    {
        var request = new HttpRequestMessage(method, new Uri(baseAddress, path.TrimStart('/')));
        if (apiKey is not null)
        {
            request.Headers.Add("X-Airbnb-API-Key", apiKey);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Airbnb-OAuth-Token", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return request;
    }
}
