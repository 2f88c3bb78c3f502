using System.Diagnostics.CodeAnalysis;
using ChannelManager.Connections;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Simulator.BookingCom;
using ChannelManager.Simulator.Google;

namespace ChannelManager.Simulator.Hosting;

/// <summary>
/// The platforms the simulator serves, each under <c>/{webhook slug}/</c>. Vrbo / FeWo-direkt serves nothing: it pulls
/// the partner's feeds and posts bookings to the partner (<see cref="FewoDirekt.FewoDirektSimulator"/>).
/// </summary>
internal sealed class SimulatedPlatforms
{
    private readonly ISimulatedPlatform[] _platforms = [new AirbnbPlatform(), new BookingComPlatform(), new ICal.ICalPlatform(), new Expedia.ExpediaPlatform(), new GooglePlatform()];

    public IReadOnlyList<ISimulatedPlatform> All => _platforms;

    /// <summary>The mount path of a platform, e.g. <c>/airbnb</c>.</summary>
    public static PathString MountOf(Platform platform) => "/" + platform.ToWebhookSlug();

    /// <summary>Finds the platform a request path belongs to, and the path below its mount.</summary>
    public bool TryMatch(PathString path, [NotNullWhen(true)] out ISimulatedPlatform? platform, out string relativePath)
    {
        foreach (var candidate in _platforms)
        {
            if (path.StartsWithSegments(MountOf(candidate.Platform), StringComparison.OrdinalIgnoreCase, out var remaining))
            {
                platform = candidate;
                relativePath = remaining.HasValue ? remaining.Value! : "/";
                return true;
            }
        }

        platform = null;
        relativePath = string.Empty;
        return false;
    }
}
