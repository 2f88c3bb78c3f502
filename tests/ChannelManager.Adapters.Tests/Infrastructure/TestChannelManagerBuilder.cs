using ChannelManager;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Adapters.Tests.Infrastructure;

/// <summary>The smallest <see cref="IChannelManagerBuilder"/>: adapters need nothing else of the engine.</summary>
internal sealed class TestChannelManagerBuilder(IServiceCollection services) : IChannelManagerBuilder
{
    public IServiceCollection Services { get; } = services;
}
