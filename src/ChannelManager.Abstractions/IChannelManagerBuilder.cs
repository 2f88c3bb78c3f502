using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager;

/// <summary>
/// The builder returned by <c>services.AddChannelManager(…)</c>. Plug-ins (adapters, stores, transports)
/// extend it with <c>UseX</c>/<c>AddX</c> methods that register their own services.
/// </summary>
public interface IChannelManagerBuilder
{
    /// <summary>The service collection ChannelManager is being registered into.</summary>
    IServiceCollection Services { get; }
}
