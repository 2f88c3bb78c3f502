using System.Diagnostics.CodeAnalysis;
using ChannelManager.Adapters;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Sync;

/// <summary>The registered adapters by platform.</summary>
public sealed class AdapterRegistry
{
    private readonly Dictionary<Platform, IChannelAdapter> _byPlatform;

    /// <summary>Creates the registry from every registered adapter.</summary>
    /// <param name="adapters">The adapters.</param>
    /// <exception cref="InvalidOperationException">When two adapters claim one platform.</exception>
    public AdapterRegistry(IEnumerable<IChannelAdapter> adapters)
    {
        _byPlatform = [];
        foreach (var a in adapters)
        {
            if (!_byPlatform.TryAdd(a.Platform, a))
            {
                throw new InvalidOperationException($"Two adapters are registered for {a.Platform.ToWireName()}.");
            }
        }
    }

    /// <summary>The platforms that have an adapter.</summary>
    public IReadOnlyCollection<Platform> EnabledPlatforms => _byPlatform.Keys;

    /// <summary>Gets a platform's adapter.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="adapter">The adapter, if registered.</param>
    /// <returns>Whether the platform is enabled.</returns>
    public bool TryGet(Platform platform, [NotNullWhen(true)] out IChannelAdapter? adapter) => _byPlatform.TryGetValue(platform, out adapter);
}
