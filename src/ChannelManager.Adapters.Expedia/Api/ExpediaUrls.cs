namespace ChannelManager.Adapters.Expedia.Api;

/// <summary>The EQC endpoints, relative to <see cref="ExpediaOptions.BaseUrl"/>.</summary>
internal static class ExpediaUrls
{
    public const string AvailRates = "eqc/ar";
    public const string BookingRetrieval = "eqc/br";
    public const string BookingConfirmation = "eqc/bc";

    /// <summary>The endpoint below the base URL (which gets a trailing slash, so that relative paths append to it).</summary>
    public static Uri Of(Uri baseUrl, string path)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? baseUrl : new Uri(text + "/"), path);
    }
}
