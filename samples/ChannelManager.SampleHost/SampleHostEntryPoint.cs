namespace ChannelManager.SampleHost;

/// <summary>Names the sample host's assembly for <c>WebApplicationFactory&lt;T&gt;</c> (the simulator has a <c>Program</c> too).</summary>
public sealed class SampleHostEntryPoint
{
    private SampleHostEntryPoint()
    {
    }
}
