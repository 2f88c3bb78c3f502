using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.DependencyInjection;

/// <summary>The builder returned by <c>AddChannelManager</c>; adapters and transports extend it.</summary>
public sealed class ChannelManagerBuilder : IChannelManagerBuilder
{
    internal ChannelManagerBuilder(IServiceCollection services) => Services = services;

    /// <inheritdoc />
    public IServiceCollection Services { get; }
}
