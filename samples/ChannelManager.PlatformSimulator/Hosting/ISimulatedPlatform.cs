using ChannelManager.Connections;

namespace ChannelManager.Simulator.Hosting;

/// <summary>
/// One simulated platform: its endpoints, mounted under <c>/{slug}/</c> (the platform's webhook slug, e.g.
/// <c>/airbnb/</c>), and its error format, used for injected HTTP status faults. Add a platform by implementing
/// this in the platform's folder and listing it in <see cref="SimulatedPlatforms"/>.
/// </summary>
internal interface ISimulatedPlatform
{
    /// <summary>The platform.</summary>
    Platform Platform { get; }

    /// <summary>Maps the platform's endpoints onto its mount.</summary>
    /// <param name="mount">The route group <c>/{slug}</c>.</param>
    void MapEndpoints(RouteGroupBuilder mount);

    /// <summary>Writes an error in the platform's own format.</summary>
    /// <param name="context">The call.</param>
    /// <param name="statusCode">The status.</param>
    /// <param name="message">What went wrong.</param>
    /// <returns>A task that completes when written.</returns>
    Task WriteErrorAsync(HttpContext context, int statusCode, string message);
}
