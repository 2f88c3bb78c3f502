namespace ChannelManager.Adapters.Google.Api;

/// <summary>The OTA message version written on every root element (Google's examples use 3.0).</summary>
internal static class OtaMessageVersion
{
    public const string Value = "3.0";
}
